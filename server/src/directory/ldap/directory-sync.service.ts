import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client, Entry } from 'ldapts';
import { EqualityFilter, GreaterThanEqualsFilter, AndFilter, OrFilter, type Filter } from 'ldapts';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { LdapSettings } from '../../config/directory.config.js';
import { reconcileDrift } from './drift.js';
import { withLdap } from './ldap-client.js';
import {
  type AdministrationEntry,
  attributesOf,
  type CommissionEntry,
  type EngagementEntry,
  type EntryError,
  kindOf,
  normalDn,
  type PersonEntry,
  type ProviderEntry,
  readAdministration,
  readCommission,
  readEngagement,
  readPerson,
  readProvider,
  readUnit,
  type UnitEntry,
} from './ldap-mapping.js';
import * as q from './ldap-sync.queries.js';

export type SyncKind = 'FULL' | 'INCREMENTAL';
export type SyncTrigger = 'SCHEDULER' | 'MANUAL';

/** Errors kept in a run's row; the count says how many there were. */
const MAX_ERRORS_KEPT = 1000;
const LOCK = `hashtext('beh-directory-sync')`;

export interface SyncCounts {
  read: number;
  created: number;
  changed: number;
  inactivated: number;
}

export interface SyncOutcome extends SyncCounts {
  runId: string;
  kind: SyncKind;
  status: 'DONE' | 'FAILED';
  errors: EntryError[];
  error: string | null;
}

/** A run taken (the lock held, its row made): its id and the work in flight. */
export interface StartedRun {
  runId: string;
  kind: SyncKind;
  done: Promise<SyncOutcome>;
}

interface Entries {
  provider: Entry[];
  administration: Entry[];
  unit: Entry[];
  person: Entry[];
  engagement: Entry[];
  commission: Entry[];
}

/** What the pass learnt, for errors and counts. */
class RunState {
  readonly errors: EntryError[] = [];
  read = 0;
  readonly created = new Set<string>();
  readonly changed = new Set<string>();
  inactivated = 0;
  /** The commissions (assignment ids) this run read: an increment compares only these for drift. */
  readonly commissionIds: string[] = [];
  /** Commissions whose members this run recorded for the first time, and the holdings adopted. */
  adopted = { commissions: 0, holdings: 0 };
  /** Keys seen by a full pass, per table (broken entries too: skipped is not gone). */
  readonly seen = {
    care_provider: [] as string[],
    administration: [] as string[],
    care_unit: [] as string[],
    person: [] as string[],
    engagement: [] as string[],
    assignment: [] as string[],
  };

  fail(dn: string, message: string): void {
    this.errors.push({ dn, message });
  }

  count(table: string, rows: q.Upserted[]): void {
    for (const row of rows) {
      const key = `${table}:${row.id}`;
      if (row.created) this.created.add(key);
      else if (!this.created.has(key)) this.changed.add(key);
    }
  }
}

/**
 * The directory read from KIV (issue 15, points 2 and 5). A full run reads every entry with paged
 * searches and marks what LDAP no longer has inactive (engagements: ended); an incremental run
 * reads what changed since the last successful run (modifyTimestamp, less a margin). Both upsert
 * by HSA-id in bulk, in one transaction, and record the run with its counts and the entries that
 * could not be used (reported and skipped, never fatal). One instance syncs at a time: a
 * session-level advisory lock on the run's own connection, released when the run ends or its
 * connection dies.
 */
@Injectable()
export class DirectorySyncService implements OnModuleDestroy {
  private readonly logger = new Logger('DirectorySync');
  private readonly inFlight = new Set<Promise<SyncOutcome>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The LDAP settings, or undefined in embedded mode. */
  get settings(): LdapSettings | undefined {
    return this.config.directory.ldap ?? undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.inFlight].map((p) => p.catch(() => undefined)));
  }

  /**
   * Starts a run if no instance is syncing: takes the lock, records the run as RUNNING and
   * answers at once, the work continuing in `done`. Undefined: another run holds the lock.
   * `kind` undefined: what is due (the scheduler's choice), or nothing when nothing is due.
   */
  async start(
    trigger: SyncTrigger,
    kind: SyncKind | undefined,
    requestedBy: string | null,
  ): Promise<StartedRun | undefined> {
    const settings = this.settings;
    if (!settings) throw new Error('The directory is not read from LDAP (DIRECTORY_SOURCE=embedded)');
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let handedOver = false;
    try {
      const [{ locked }] = await rows<{ locked: boolean }[]>(
        runner,
        `SELECT pg_try_advisory_lock(${LOCK}) AS locked`,
      );
      if (!locked) return undefined;
      try {
        // Holding the lock, no run is in flight: a RUNNING row is one whose process died.
        await runner.query(
          `UPDATE directory_sync_run SET status = 'FAILED', finished_at = now(),
                  error = 'Synkningen avbröts (servern stoppades under körningen).'
            WHERE status = 'RUNNING'`,
        );
        const chosen = kind ?? (await this.due(runner, settings));
        if (!chosen) return undefined;
        const since = chosen === 'INCREMENTAL' ? await this.since(runner, settings) : null;
        const effective: SyncKind = chosen === 'INCREMENTAL' && since === null ? 'FULL' : chosen;
        const [{ id }] = await rows<{ id: string }[]>(
          runner,
          `INSERT INTO directory_sync_run (kind, trigger, requested_by, since) VALUES ($1, $2, $3, $4) RETURNING id`,
          [effective, trigger, requestedBy, since],
        );
        const done = this.execute(runner, settings, id, effective, since, requestedBy).finally(async () => {
          await runner.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => undefined);
          await runner.release();
          this.inFlight.delete(done);
        });
        this.inFlight.add(done);
        handedOver = true;
        return { runId: id, kind: effective, done };
      } finally {
        if (!handedOver) await runner.query(`SELECT pg_advisory_unlock(${LOCK})`);
      }
    } finally {
      if (!handedOver) await runner.release();
    }
  }

  /** Runs one sync to its end (tests, the benchmark); undefined when another instance holds the lock. */
  async run(
    trigger: SyncTrigger,
    kind?: SyncKind,
    requestedBy: string | null = null,
  ): Promise<SyncOutcome | undefined> {
    const started = await this.start(trigger, kind, requestedBy);
    return started?.done;
  }

  /** The scheduler's choice: a full pass every LDAP_SYNC_FULL_HOURS, otherwise increments. */
  private async due(runner: QueryRunner, settings: LdapSettings): Promise<SyncKind | undefined> {
    const [row] = await rows<{ full_due: boolean; increment_due: boolean }[]>(
      runner,
      `SELECT NOT EXISTS (SELECT 1 FROM directory_sync_run
                           WHERE kind = 'FULL' AND status = 'DONE' AND started_at > now() - make_interval(hours => $1))
                AS full_due,
              NOT EXISTS (SELECT 1 FROM directory_sync_run
                           WHERE status IN ('DONE', 'FAILED') AND started_at > now() - make_interval(mins => $2))
                AS increment_due`,
      [settings.fullHours, settings.incrementalMinutes],
    );
    if (row.full_due) return 'FULL';
    return row.increment_due ? 'INCREMENTAL' : undefined;
  }

  /** Where an incremental run reads from: the start of the last successful run, less LDAP_SYNC_MARGIN_SECONDS. */
  private async since(runner: QueryRunner, settings: LdapSettings): Promise<Date | null> {
    const [row] = await rows<{ since: Date | null }[]>(
      runner,
      `SELECT max(started_at) - make_interval(secs => $1) AS since FROM directory_sync_run WHERE status = 'DONE'`,
      [settings.marginSeconds],
    );
    return row.since;
  }

  private async execute(
    runner: QueryRunner,
    settings: LdapSettings,
    runId: string,
    kind: SyncKind,
    since: Date | null,
    requestedBy: string | null,
  ): Promise<SyncOutcome> {
    const state = new RunState();
    const started = Date.now();
    // Before KIV is read: a write back confirmed after this may not be in what the sync reads.
    const readAt = this.clock.now();
    try {
      const entries = await withLdap(settings, (client) => this.search(client, settings, since, state));
      const parents =
        kind === 'INCREMENTAL'
          ? await withLdap(settings, (client) => this.fetchParents(client, settings, entries))
          : new Map<string, Entry>();
      await runner.startTransaction();
      try {
        // A background job's bulk statements, not a request's: a region's full pass and its drift
        // comparison may each take longer than DB_STATEMENT_TIMEOUT_MS, which guards requests.
        await runner.query(`SET LOCAL statement_timeout = '15min'`);
        await this.write(runner.manager, settings, entries, parents, kind, state);
        // KIV's members as just read against BEH's holdings: differences are listed as drift. An
        // increment compares the commissions it read (a membership changed in KIV changes its
        // commission's modifyTimestamp, and BEH's own writes do too); a full pass compares all.
        const drift = await reconcileDrift(
          runner.manager,
          this.clock,
          readAt,
          kind === 'INCREMENTAL' ? state.commissionIds : undefined,
        );
        const counts = this.counts(state);
        await this.finish(runner.manager, runId, 'DONE', counts, state.errors, null);
        await this.audit.append(runner.manager, {
          actorId: requestedBy,
          action: 'DIRECTORY_SYNCED',
          entityType: 'directory_sync_run',
          entityId: runId,
          after: { kind, ...counts, errors: state.errors.length, adopted: state.adopted, drift },
        });
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      const counts = this.counts(state);
      this.logger.log(
        `Directory sync ${kind} done in ${Date.now() - started} ms: ${JSON.stringify(counts)}, ${state.errors.length} errors`,
      );
      return { runId, kind, status: 'DONE', ...counts, errors: state.errors, error: null };
    } catch (error) {
      const message = describe(error);
      this.logger.error(`Directory sync ${kind} failed: ${message}`);
      const counts = this.counts(state);
      await this.finish(runner.manager, runId, 'FAILED', counts, state.errors, message).catch(
        () => undefined,
      );
      return { runId, kind, status: 'FAILED', ...counts, errors: state.errors, error: message };
    }
  }

  private counts(state: RunState): SyncCounts {
    return {
      read: state.read,
      created: state.created.size,
      changed: state.changed.size,
      inactivated: state.inactivated,
    };
  }

  private async finish(
    m: EntityManager,
    runId: string,
    status: 'DONE' | 'FAILED',
    counts: SyncCounts,
    errors: EntryError[],
    error: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE directory_sync_run
          SET status = $2, finished_at = now(), read_count = $3, created_count = $4, changed_count = $5,
              inactivated_count = $6, error_count = $7, errors = $8::jsonb, error = $9
        WHERE id = $1`,
      [
        runId,
        status,
        counts.read,
        counts.created,
        counts.changed,
        counts.inactivated,
        errors.length,
        JSON.stringify(errors.slice(0, MAX_ERRORS_KEPT)),
        error,
      ],
    );
  }

  /** Two paged searches (organisation, persons), filtered by modifyTimestamp when incremental. */
  private async search(
    client: Client,
    s: LdapSettings,
    since: Date | null,
    state: RunState,
  ): Promise<Entries> {
    const map = s.mapping;
    const entries: Entries = {
      provider: [],
      administration: [],
      unit: [],
      person: [],
      engagement: [],
      commission: [],
    };
    const classes = (names: string[]): Filter =>
      new OrFilter({
        filters: names.map((value) => new EqualityFilter({ attribute: 'objectClass', value })),
      });
    const changedSince = (filter: Filter): Filter =>
      since
        ? new AndFilter({
            filters: [
              filter,
              new GreaterThanEqualsFilter({ attribute: 'modifyTimestamp', value: generalizedTime(since) }),
            ],
          })
        : filter;
    const searches: [string, Filter][] = [
      [
        s.organisationBase,
        changedSince(
          classes([map.providerClass, map.administrationClass, map.unitClass, map.commissionClass]),
        ),
      ],
      [s.personBase, changedSince(classes([map.personClass, map.engagementClass]))],
    ];
    const seenDn = new Set<string>();
    for (const [base, filter] of searches) {
      for await (const page of client.searchPaginated(base, {
        scope: 'sub',
        filter,
        attributes: attributesOf(map),
        paged: { pageSize: s.pageSize },
      })) {
        for (const entry of page.searchEntries) {
          // The person base may lie inside the organisation base: each entry once.
          const dn = normalDn(entry.dn);
          if (seenDn.has(dn)) continue;
          seenDn.add(dn);
          const kind = kindOf(entry, map);
          if (!kind) continue;
          entries[kind].push(entry);
          state.read += 1;
        }
      }
    }
    return entries;
  }

  /**
   * An incremental run reads only what changed; the parents its entries name by DN (the unit of
   * a commission, the person of an engagement, …) are read by DN when they did not change.
   */
  private async fetchParents(client: Client, s: LdapSettings, entries: Entries): Promise<Map<string, Entry>> {
    const have = new Set(Object.values(entries).flatMap((list: Entry[]) => list.map((e) => normalDn(e.dn))));
    const parentsOf = (list: Entry[]) => list.map((e) => normalDn(e.dn).split(',').slice(1).join(','));
    const wanted = new Set([
      ...parentsOf(entries.administration),
      ...parentsOf(entries.unit),
      ...parentsOf(entries.engagement),
      ...parentsOf(entries.commission),
    ]);
    const missing = [...wanted].filter((dn) => !have.has(dn));
    const parents = new Map<string, Entry>();
    // Units' parents (administrations) are needed for their code, and so on up: at most two levels.
    for (let level = 0; level < 2 && missing.length > 0; level++) {
      const found = await Promise.all(
        missing.map((dn) =>
          client
            .search(dn, { scope: 'base', attributes: attributesOf(s.mapping) })
            .then((r) => r.searchEntries[0])
            .catch(() => undefined),
        ),
      );
      missing.length = 0;
      for (const entry of found) {
        if (!entry) continue;
        parents.set(normalDn(entry.dn), entry);
        const up = normalDn(entry.dn).split(',').slice(1).join(',');
        if (!have.has(up) && !parents.has(up) && kindOf(entry, s.mapping) === 'unit') missing.push(up);
      }
    }
    return parents;
  }

  /** `parents`: entries read by DN only to resolve what the changed entries name (not written). */
  private async write(
    m: EntityManager,
    s: LdapSettings,
    e: Entries,
    parents: Map<string, Entry>,
    kind: SyncKind,
    state: RunState,
  ): Promise<void> {
    const map = s.mapping;
    const ok = <T>(
      entries: Entry[],
      reader: (entry: Entry) => { ok: true; row: T } | { ok: false; error: EntryError },
      seen?: (entry: Entry) => string | undefined,
    ) => {
      const rows: T[] = [];
      for (const entry of entries) {
        const r = reader(entry);
        if (r.ok) rows.push(r.row);
        else {
          state.errors.push(r.error);
          const key = seen?.(entry);
          if (key) seenKeys.push(key);
        }
      }
      return rows;
    };
    let seenKeys: string[] = [];
    const rawHsa = (entry: Entry) => {
      const v =
        entry[map.hsaId] ??
        entry[Object.keys(entry).find((k) => k.toLowerCase() === map.hsaId.toLowerCase()) ?? ''];
      const s0 = Array.isArray(v) ? v[0] : v;
      return s0 === undefined ? undefined : String(s0).trim().toUpperCase();
    };

    // Providers.
    seenKeys = state.seen.care_provider;
    const providers = dedupe(
      ok<ProviderEntry>(e.provider, (x) => readProvider(x, map), rawHsa),
      (r) => r.hsaId,
      state,
      'HSA-id',
    );
    state.seen.care_provider.push(...providers.map((p) => p.hsaId));
    state.count('care_provider', await q.upsertProviders(m, providers));
    const providerByDn = new Map(providers.map((p) => [normalDn(p.dn), p.hsaId]));
    for (const [dn, entry] of parents) {
      if (kindOf(entry, map) === 'provider') {
        const r = readProvider(entry, map);
        if (r.ok) providerByDn.set(dn, r.row.hsaId);
      }
    }

    // Administrations (their provider is their parent entry).
    seenKeys = state.seen.administration;
    const administrations = dedupe(
      ok<AdministrationEntry>(e.administration, (x) => readAdministration(x, map)),
      (r) => r.code,
      state,
      'förvaltningskod',
    );
    state.seen.administration.push(...administrations.map((a) => a.code));
    const providerIds = await q.idsByHsaId(m, 'care_provider', [...providerByDn.values()]);
    const adminRows: (AdministrationEntry & { providerId: string })[] = [];
    for (const a of administrations) {
      const providerId = providerIds.get(providerByDn.get(a.parentDn) ?? '');
      if (!providerId) state.fail(a.dn, 'Förvaltningen ligger inte under någon känd vårdgivare.');
      else adminRows.push({ ...a, providerId });
    }
    state.count('administration', await q.upsertAdministrations(m, adminRows));
    const adminCodeByDn = new Map(administrations.map((a) => [normalDn(a.dn), a.code]));
    for (const [dn, entry] of parents) {
      if (kindOf(entry, map) === 'administration') {
        const r = readAdministration(entry, map);
        if (r.ok) adminCodeByDn.set(dn, r.row.code);
      }
    }

    // Care units (their administration is their parent entry); heads after the persons.
    seenKeys = state.seen.care_unit;
    const units = dedupe(
      ok<UnitEntry>(e.unit, (x) => readUnit(x, map), rawHsa),
      (r) => r.hsaId,
      state,
      'HSA-id',
    );
    state.seen.care_unit.push(...units.map((u) => u.hsaId));
    const adminIds = await q.administrationIdsByCode(m, [...adminCodeByDn.values()]);
    const unitRows: UnitEntry[] = [];
    const unitWrites: { hsaId: string; name: string; administrationId: string }[] = [];
    for (const u of units) {
      const administrationId = adminIds.get(adminCodeByDn.get(u.parentDn) ?? '');
      if (!administrationId) state.fail(u.dn, 'Vårdenheten ligger inte under någon känd förvaltning.');
      else {
        unitRows.push(u);
        unitWrites.push({ hsaId: u.hsaId, name: u.name, administrationId });
      }
    }
    state.count('care_unit', await q.upsertUnits(m, unitWrites));
    const unitHsaByDn = new Map(unitRows.map((u) => [normalDn(u.dn), u.hsaId]));
    for (const [dn, entry] of parents) {
      if (kindOf(entry, map) === 'unit') {
        const r = readUnit(entry, map);
        if (r.ok) unitHsaByDn.set(dn, r.row.hsaId);
      }
    }

    // Persons: unique VGR-ID, personnummer and passport number, within the read and against others.
    seenKeys = state.seen.person;
    let persons = dedupe(
      ok<PersonEntry>(e.person, (x) => readPerson(x, map), rawHsa),
      (r) => r.hsaId,
      state,
      'HSA-id',
    );
    state.seen.person.push(...persons.map((p) => p.hsaId));
    persons = dedupe(persons, (r) => r.userId, state, 'VGR-ID');
    persons = dedupe(persons, (r) => r.personnummer ?? undefined, state, 'personnummer');
    persons = dedupe(persons, (r) => r.passportNumber ?? undefined, state, 'passnummer');
    const clashes = await q.personClashes(m, persons);
    if (clashes.length > 0) {
      const byUser = new Map(clashes.map((c) => [c.user_id, c.hsa_id]));
      const byPnr = new Map(clashes.filter((c) => c.personnummer).map((c) => [c.personnummer!, c.hsa_id]));
      const byPass = new Map(
        clashes.filter((c) => c.passport_number).map((c) => [c.passport_number!, c.hsa_id]),
      );
      persons = persons.filter((p) => {
        const other = [
          ['VGR-ID', byUser.get(p.userId)],
          ['personnummer', p.personnummer ? byPnr.get(p.personnummer) : undefined],
          ['passnummer', p.passportNumber ? byPass.get(p.passportNumber) : undefined],
        ].find(([, hsa]) => hsa !== undefined && hsa !== p.hsaId);
        if (other) state.fail(p.dn, `Personens ${other[0]} har redan en annan person (${other[1]}).`);
        return !other;
      });
    }
    state.count('person', await q.upsertPersons(m, persons));

    // Heads of unit.
    const headIds = await q.idsByHsaId(
      m,
      'person',
      unitRows.flatMap((u) => (u.managerHsaId ? [u.managerHsaId] : [])),
    );
    const heads = unitRows.map((u) => {
      const headId = u.managerHsaId ? (headIds.get(u.managerHsaId) ?? null) : null;
      if (u.managerHsaId && !headId) {
        state.fail(
          u.dn,
          `Verksamhetschefen ${u.managerHsaId} finns inte i katalogen; enheten saknar chef tills vidare.`,
        );
      }
      return { unitHsaId: u.hsaId, headId };
    });
    state.count('care_unit', await q.setUnitHeads(m, heads));

    // Engagements (their person is their parent entry).
    seenKeys = state.seen.engagement;
    const engagements = dedupe(
      ok<EngagementEntry>(e.engagement, (x) => readEngagement(x, map), rawHsa),
      (r) => r.hsaId,
      state,
      'HSA-id',
    );
    state.seen.engagement.push(...engagements.map((g) => g.hsaId));
    const personHsaByDn = new Map(persons.map((p) => [normalDn(p.dn), p.hsaId]));
    for (const entry of e.person) {
      const h = rawHsa(entry);
      if (h && !personHsaByDn.has(normalDn(entry.dn))) personHsaByDn.set(normalDn(entry.dn), h);
    }
    for (const [dn, entry] of parents) {
      const h = kindOf(entry, map) === 'person' ? rawHsa(entry) : undefined;
      if (h) personHsaByDn.set(dn, h);
    }
    const personIds = await q.idsByHsaId(m, 'person', [
      ...new Set(engagements.map((g) => personHsaByDn.get(g.parentDn) ?? '')),
    ]);
    const unitIds = await q.idsByHsaId(
      m,
      'care_unit',
      engagements.map((g) => g.unitHsaId),
    );
    const engagementRows: (EngagementEntry & { personId: string; unitId: string })[] = [];
    for (const g of engagements) {
      const personId = personIds.get(personHsaByDn.get(g.parentDn) ?? '');
      const unitId = unitIds.get(g.unitHsaId);
      if (!personId) state.fail(g.dn, 'Engagemanget ligger inte under någon känd person.');
      else if (!unitId) state.fail(g.dn, `Engagemangets vårdenhet ${g.unitHsaId} finns inte i katalogen.`);
      else engagementRows.push({ ...g, personId, unitId });
    }
    state.count('engagement', await q.upsertEngagements(m, engagementRows));

    // Commissions (their unit is their parent entry) and their members.
    seenKeys = state.seen.assignment;
    const commissions = dedupe(
      ok<CommissionEntry>(e.commission, (x) => readCommission(x, map), rawHsa),
      (r) => r.hsaId,
      state,
      'HSA-id',
    );
    state.seen.assignment.push(...commissions.map((c) => c.hsaId));
    const commissionUnitIds = await q.idsByHsaId(m, 'care_unit', [...unitHsaByDn.values()]);
    let commissionRows: (CommissionEntry & { unitId: string })[] = [];
    for (const c of commissions) {
      const unitId = commissionUnitIds.get(unitHsaByDn.get(c.parentDn) ?? '');
      if (!unitId) state.fail(c.dn, 'Uppdraget ligger inte under någon känd vårdenhet.');
      else commissionRows.push({ ...c, unitId });
    }
    commissionRows = dedupe(
      commissionRows,
      (c) => `${c.unitId}\u0000${c.name.toLowerCase()}`,
      state,
      'namn på vårdenheten',
    );
    const taken = new Set(
      (await q.commissionClashes(m, commissionRows)).map((c) => `${c.care_unit_id}\u0000${c.name}`),
    );
    commissionRows = commissionRows.filter((c) => {
      const clash = taken.has(`${c.unitId}\u0000${c.name}`);
      if (clash) state.fail(c.dn, `Vårdenheten har redan ett annat uppdrag med namnet ${c.name}.`);
      return !clash;
    });
    const written = await q.upsertCommissions(m, commissionRows);
    state.count('assignment', written);
    const assignmentIds = await q.idsByHsaId(
      m,
      'assignment',
      commissionRows.map((c) => c.hsaId),
    );
    const membersChanged = await q.replaceCommissionMembers(
      m,
      commissionRows.map((c) => ({ assignmentId: assignmentIds.get(c.hsaId)!, members: c.members })),
    );
    // A commission created now got its first members: created, not also changed (RunState.count).
    state.count('assignment', membersChanged);
    state.commissionIds.push(...assignmentIds.values());
    // A commission read for the first time: its members are what people hold already, not drift.
    state.adopted = await q.adoptFirstSeenMembers(m, state.commissionIds, this.clock.today());

    if (kind === 'FULL') await this.inactivate(m, state);
  }

  /** A full pass: what LDAP no longer has. Never when a kind read nothing at all (a wrong base DN). */
  private async inactivate(m: EntityManager, state: RunState): Promise<void> {
    const { seen } = state;
    if (seen.person.length === 0 || seen.care_unit.length === 0) {
      state.fail(
        '',
        'Inga personer eller inga vårdenheter lästes från KIV: ingenting markeras som borttaget (kontrollera LDAP_PERSON_BASE och LDAP_ORGANISATION_BASE).',
      );
      return;
    }
    for (const table of ['care_provider', 'administration', 'care_unit', 'person', 'assignment'] as const) {
      state.inactivated += (await q.inactivateUnseen(m, table, seen[table])).length;
    }
    const yesterday = addDays(this.clock.today(), -1);
    state.inactivated += (await q.endUnseenEngagements(m, seen.engagement, yesterday)).length;
  }
}

/** Keeps the first entry of each key; the others are reported. */
function dedupe<T extends { dn: string }>(
  rows: T[],
  key: (row: T) => string | undefined,
  state: RunState,
  what: string,
): T[] {
  const first = new Map<string, T>();
  const kept: T[] = [];
  for (const row of rows) {
    const k = key(row);
    if (k === undefined) {
      kept.push(row);
      continue;
    }
    const earlier = first.get(k);
    if (earlier) {
      state.fail(row.dn, `Samma ${what} som ${earlier.dn}; posten hoppas över.`);
      continue;
    }
    first.set(k, row);
    kept.push(row);
  }
  return kept;
}

/** A query on the run's own connection, typed. */
async function rows<T>(runner: QueryRunner, sql: string, params?: unknown[]): Promise<T> {
  return (await runner.query(sql, params)) as T;
}

/** LDAP's GeneralizedTime, e.g. 20261205083000Z. */
export function generalizedTime(at: Date): string {
  return `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function describe(error: unknown): string {
  return `KIV kunde inte läsas eller katalogen inte skrivas: ${technical(error)}`;
}

function technical(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return code !== undefined && !error.message.includes(String(code))
      ? `${error.message} (${String(code)})`
      : error.message;
  }
  return String(error);
}
