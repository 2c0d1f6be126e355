import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ProblemException } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService } from '../mail/mail.service.js';
import { GENESIS_HASH } from './audit-chain.js';
import type { AuditAnchor, AnchorCheck } from './audit-anchor.types.js';

/** What an anchor is, in its published JSON. */
export const ANCHOR_TYPE = 'beh-audit-anchor';
/** The latest stored anchors that every verification compares with the chain. */
const CHECKED_ANCHORS = 24;
/** A URL that does not answer within this is recorded as failed; the next anchor tries again. */
const POST_TIMEOUT_MS = 10_000;

interface AnchorRow {
  id: string;
  eventId: string | null;
  eventHash: string;
  eventCount: string;
  anchoredAt: Date;
  mac: string;
}

const ANCHOR_COLUMNS = `a.id::text AS id, a.event_id::text AS "eventId", a.event_hash AS "eventHash",
  a.event_count::text AS "eventCount", a.anchored_at AS "anchoredAt", a.mac`;

const toAnchor = (row: AnchorRow): AuditAnchor => ({
  type: ANCHOR_TYPE,
  version: 1,
  id: row.id,
  eventId: row.eventId,
  eventHash: row.eventHash,
  eventCount: Number(row.eventCount),
  anchoredAt: row.anchoredAt.toISOString(),
  mac: row.mac,
});

const stockholm = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(iso));

/** "Förankring nr 12 (2026-12-04 22:00:00, händelse 3456)". */
export const anchorName = (a: Pick<AuditAnchor, 'id' | 'anchoredAt' | 'eventId'>) =>
  `Förankring nr ${a.id} (${stockholm(a.anchoredAt)}, händelse ${a.eventId ?? '–'})`;

const badAnchor = (detail: string) =>
  new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'audit-anchor-invalid', detail);

/**
 * The audit chain head anchored outside the database (issue 12, point 6). On a schedule
 * (AUDIT_ANCHOR_INTERVAL_MINUTES) the head — last event id, its hash, the number of events and
 * the time — is signed with an HMAC-SHA256 whose key is derived (HKDF) from SIGNING_KEY_SECRET,
 * stored in `audit_anchor` and published: one JSON line in the application log, a mail to
 * AUDIT_ANCHOR_MAIL through the outbox, a JSON POST to AUDIT_ANCHOR_URL. Whoever truncates the
 * log's tail in the database, even with the rights to delete these rows too, cannot recall the
 * copies outside: verification compares the stored anchors with the chain, and `verifyExternal`
 * one received outside. The key is not in the database, so anchors cannot be forged there.
 */
@Injectable()
export class AuditAnchorService {
  private readonly logger = new Logger('AuditAnchor');
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(
      hkdfSync('sha256', config.signing.keySecret, 'beh', 'audit-anchor/v1', 32) as ArrayBuffer,
    );
  }

  /** The text the MAC is over: every field of the anchor, in a fixed order. */
  private mac(a: Omit<AuditAnchor, 'mac' | 'type' | 'version'>): string {
    const text = [ANCHOR_TYPE, 1, a.id, a.eventId ?? '', a.eventHash, a.eventCount, a.anchoredAt].join('\n');
    return createHmac('sha256', this.key).update(text).digest('hex');
  }

  /**
   * The scheduler's job: an anchor when the last one is older than the interval (one across all
   * instances: the check and the insert hold a transaction-scoped advisory lock). Answers the
   * anchor made, if any.
   */
  async anchorIfDue(): Promise<AuditAnchor | undefined> {
    const minutes = this.config.audit.anchorIntervalMinutes;
    if (minutes === 0) return undefined;
    const made = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('beh-audit-anchor'))`);
      const [recent] = await m.query<{ id: string }[]>(
        `SELECT id::text AS id FROM audit_anchor WHERE anchored_at > $1::timestamptz - make_interval(mins => $2) LIMIT 1`,
        [this.clock.now(), minutes],
      );
      return recent ? undefined : this.insertAnchor(m);
    });
    if (made) await this.publish(made);
    return made;
  }

  /** An anchor now, whatever the interval (the job's work, and tests). */
  async anchorNow(): Promise<AuditAnchor> {
    const made = await this.db.transaction((m) => this.insertAnchor(m));
    await this.publish(made);
    return made;
  }

  private async insertAnchor(m: EntityManager): Promise<AuditAnchor> {
    // The head as the appenders leave it; reading it with FOR SHARE waits for an append in flight.
    const [head] = await m.query<{ lastId: string | null; lastHash: string }[]>(
      `SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1 FOR SHARE`,
    );
    const eventId = head?.lastId ?? null;
    const [{ count }] = await m.query<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM audit_event WHERE id <= $1::bigint`,
      [eventId ?? '0'],
    );
    const [{ id }] = await m.query<{ id: string }[]>(`SELECT nextval('audit_anchor_id_seq')::text AS id`);
    const unsigned = {
      id,
      eventId,
      eventHash: head?.lastHash ?? GENESIS_HASH,
      eventCount: Number(count),
      anchoredAt: new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000).toISOString(),
    };
    const anchor: AuditAnchor = { type: ANCHOR_TYPE, version: 1, ...unsigned, mac: this.mac(unsigned) };
    const to = this.config.audit.anchorMail;
    const mail = to
      ? await this.mail.enqueue(m, {
          to,
          template: 'AUDIT_ANCHOR',
          data: {
            anchorId: id,
            anchorJson: JSON.stringify(anchor),
            eventId,
            eventCount: anchor.eventCount,
            at: stockholm(anchor.anchoredAt),
          },
        })
      : undefined;
    await m.query(
      `INSERT INTO audit_anchor (id, event_id, event_hash, event_count, anchored_at, mac, mail_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, eventId, anchor.eventHash, anchor.eventCount, anchor.anchoredAt, anchor.mac, mail?.id ?? null],
    );
    return anchor;
  }

  /** After the commit: the log line always, the URL when configured (its outcome kept on the row). */
  private async publish(anchor: AuditAnchor): Promise<void> {
    const published: AuditAnchor = {
      type: anchor.type,
      version: anchor.version,
      id: anchor.id,
      eventId: anchor.eventId,
      eventHash: anchor.eventHash,
      eventCount: anchor.eventCount,
      anchoredAt: anchor.anchoredAt,
      mac: anchor.mac,
    };
    this.logger.log(`audit anchor ${JSON.stringify(published)}`);
    const target = this.config.audit.anchorUrl;
    if (!target) return;
    let status: string;
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(published),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        redirect: 'error',
      });
      status = `HTTP ${res.status}`;
      if (!res.ok) this.logger.warn(`audit anchor ${anchor.id}: ${target} answered ${res.status}`);
    } catch (error) {
      status = `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200);
      this.logger.warn(`audit anchor ${anchor.id}: POST to ${target} failed: ${status}`);
    }
    await this.db.query(`UPDATE audit_anchor SET url_status = $2 WHERE id = $1`, [anchor.id, status]);
  }

  /**
   * The latest stored anchors compared with the chain: the first that the chain no longer
   * contains (its event beyond the head, gone, or with another hash), named; undefined when all
   * are there. Part of every verification.
   */
  async brokenStoredAnchor(
    query: (sql: string, params: unknown[]) => Promise<unknown[]> = (sql, params) =>
      this.db.query(sql, params),
  ): Promise<AnchorCheck | undefined> {
    const rows = (await query(`SELECT ${ANCHOR_COLUMNS} FROM audit_anchor a ORDER BY a.id DESC LIMIT $1`, [
      CHECKED_ANCHORS,
    ])) as AnchorRow[];
    for (const row of rows) {
      const check = await this.inChain(toAnchor(row), query);
      if (!check.ok) return check;
    }
    return undefined;
  }

  /**
   * POST /api/audit-events/verify-anchor: an anchor received outside (log, mail, URL) against the
   * chain as the database has it now. Refused (422) when it is not an anchor this portal signed.
   */
  async verifyExternal(body: unknown): Promise<AnchorCheck> {
    const anchor = this.readAnchor(body);
    const { type: _type, version: _version, mac, ...unsigned } = anchor;
    const expected = Buffer.from(this.mac(unsigned), 'hex');
    const given = Buffer.from(mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw badAnchor('Förankringens signatur stämmer inte: den är ändrad eller inte gjord av denna portal.');
    }
    return this.inChain(anchor, (sql, params) => this.db.query(sql, params));
  }

  private readAnchor(body: unknown): AuditAnchor {
    const a = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const digits = (v: unknown) => typeof v === 'string' && /^\d{1,18}$/.test(v);
    const hex64 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
    const wellFormed =
      a.type === ANCHOR_TYPE &&
      a.version === 1 &&
      digits(a.id) &&
      (a.eventId === null || digits(a.eventId)) &&
      hex64(a.eventHash) &&
      Number.isSafeInteger(a.eventCount) &&
      (a.eventCount as number) >= 0 &&
      typeof a.anchoredAt === 'string' &&
      !Number.isNaN(Date.parse(a.anchoredAt)) &&
      new Date(a.anchoredAt).toISOString() === a.anchoredAt &&
      hex64(a.mac);
    if (!wellFormed) {
      throw badAnchor(
        `Det är inte en förankring av händelseloggen: ange JSON-raden som publicerades (type "${ANCHOR_TYPE}", version 1, id, eventId, eventHash, eventCount, anchoredAt, mac).`,
      );
    }
    return a as unknown as AuditAnchor;
  }

  /** Does the chain still contain the anchor's event, with its hash, at or before its head? */
  private async inChain(
    anchor: AuditAnchor,
    query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  ): Promise<AnchorCheck> {
    const name = anchorName(anchor);
    const base = { anchorId: anchor.id, eventId: anchor.eventId };
    if (anchor.eventId === null)
      return { ...base, ok: true, detail: `${name}: kedjan var tom; inget att jämföra.` };
    const [head] = (await query(
      `SELECT last_id::text AS "lastId" FROM audit_chain_head WHERE id = 1`,
      [],
    )) as {
      lastId: string | null;
    }[];
    const headId = head?.lastId ?? null;
    if (headId === null || BigInt(anchor.eventId) > BigInt(headId)) {
      return {
        ...base,
        ok: false,
        reason: 'HEAD_MISMATCH',
        detail: `${name} nämner händelse ${anchor.eventId}, men kedjans sista händelse är ${headId ?? 'ingen'}: loggens slut har tagits bort.`,
      };
    }
    const [event] = (await query(`SELECT hash FROM audit_event WHERE id = $1::bigint`, [anchor.eventId])) as {
      hash: string;
    }[];
    if (!event) {
      return {
        ...base,
        ok: false,
        reason: 'HEAD_MISMATCH',
        detail: `${name}: händelse ${anchor.eventId} finns inte längre i kedjan: händelser har tagits bort.`,
      };
    }
    if (event.hash !== anchor.eventHash) {
      return {
        ...base,
        ok: false,
        reason: 'HASH_MISMATCH',
        detail: `${name}: händelse ${anchor.eventId} har en annan hash än när den förankrades: kedjan har skrivits om.`,
      };
    }
    return { ...base, ok: true, detail: `${name} finns kvar i kedjan med samma hash.` };
  }
}
