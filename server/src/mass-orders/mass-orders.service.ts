import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import { RightsService } from '../delegations/rights.service.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { notFound, ValidationProblem } from '../common/problem.js';
import { listRows, type Page, searchRows } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { maskPersonnummer } from '../common/personnummer.js';
import {
  type AssignmentFacts,
  assignmentsByIds,
  type PersonContact,
  personContacts,
} from '../directory/directory.facts.js';
import type { LookupKey } from '../directory/person-access-log.js';
import { DirectoryHoldings } from '../directory/holdings.js';
import { openLineCount } from '../orders/orders.reads.js';
import { RULE_MESSAGES } from '../orders/orders.errors.js';
import type { CheckMassOrderDto, ImportMassOrderDto } from './dto/mass-order.dto.js';
import { MAX_IMPORT_VALUES, parseImport } from './import-parser.js';
import { personFacts } from './mass-order-facts.queries.js';
import { massOrderVerdicts } from './mass-order-rules.js';
import type {
  Candidate,
  CheckResult,
  ImportReport,
  MassOrderAssignment,
  Member,
} from './mass-order.types.js';
import { noOrderRight } from './mass-orders.errors.js';
import { candidateSearch } from './candidates.queries.js';
import { importedCandidates, memberList, type MemberRow, memberStatus } from './people.queries.js';

const lower = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => id.toLowerCase());

/**
 * The "Redigera användare" page of one assignment: its members, the search for people to add,
 * the import of a list, and the check of every chosen person against the wizard's rules.
 * Everything here needs the caller's right to order and attest the assignment.
 */
@Injectable()
export class MassOrdersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rights: RightsService,
    private readonly holdings: DirectoryHoldings,
    private readonly clock: Clock,
  ) {}

  /**
   * The assignment, if the actor may order it (rule 1, Ordering needs order and attest rights);
   * else 404 / 403.
   */
  async orderableAssignment(actor: Actor, assignmentId: string): Promise<AssignmentFacts> {
    if (!isUuid(assignmentId)) throw notFound('Uppdraget');
    const [assignment] = await assignmentsByIds(this.db, [assignmentId.toLowerCase()]);
    if (!assignment) throw notFound('Uppdraget');
    const { careUnitId, id } = assignment;
    if (!(actor.rights.mayOrder(careUnitId, id) && actor.rights.mayAttest(careUnitId, id))) {
      throw noOrderRight();
    }
    return assignment;
  }

  async assignment(actor: Actor, assignmentId: string): Promise<MassOrderAssignment> {
    const a = await this.orderableAssignment(actor, assignmentId);
    const [memberCount, pendingGrantCount] = await Promise.all([
      this.holdings.holderCount(this.db, a.id, this.clock.today()),
      openLineCount(this.db, a.id, 'GRANT'),
    ]);
    return {
      id: a.id,
      name: a.name,
      kind: a.kind,
      purpose: a.purpose,
      description: a.description,
      privateProviderOnly: a.privateProviderOnly,
      careUnitId: a.careUnitId,
      careUnitName: a.careUnitName,
      careUnitHsaId: a.careUnitHsaId,
      administrationName: a.administrationName,
      memberCount,
      pendingGrantCount,
    };
  }

  async members(actor: Actor, assignmentId: string, raw: RawListQuery): Promise<Page<Member>> {
    const a = await this.orderableAssignment(actor, assignmentId);
    // Protected identities are listed to administrators only (rule 29).
    const spec = memberList(a.id, actor.person.isAdministrator);
    const page = await listRows<MemberRow>(this.db, spec, raw, { today: this.clock.today() });
    return {
      ...page,
      items: page.items.map(({ pendingType, personnummer, ...person }) => {
        const row = { ...person, personnummer: maskPersonnummer(personnummer) };
        const status = memberStatus({ pendingType, ...row });
        const pendingRevoke = pendingType === 'REVOKE';
        // A pending grant is cancelled by its orderer, not revoked; a revoke is ordered once.
        const reasonText =
          status === 'PENDING_GRANT'
            ? 'Beställningen av uppdraget väntar på attest; den kan makuleras av beställaren.'
            : pendingRevoke
              ? RULE_MESSAGES.ALREADY_PENDING
              : null;
        return { ...row, status, pendingRevoke, removable: reasonText === null, reasonText };
      }),
    };
  }

  async candidates(actor: Actor, assignmentId: string, raw: RawListQuery): Promise<Page<Candidate>> {
    const a = await this.orderableAssignment(actor, assignmentId);
    const page = await searchRows<Candidate>(this.db, candidateSearch(a.id), raw, {
      today: this.clock.today(),
    });
    return {
      ...page,
      items: page.items.map((row) => ({ ...row, personnummer: maskPersonnummer(row.personnummer) })),
    };
  }

  /**
   * Reads a pasted list or CSV and reports what was found, not found and invalid, line by line.
   * A bulk person lookup: each value looked up (every valid one, duplicates too) is one row of
   * the lookup log (rule 30), purpose `mass-order`, written by the statement that reads them.
   */
  async import(
    actor: Actor,
    dto: ImportMassOrderDto,
    requestId: string | null = null,
  ): Promise<ImportReport> {
    const a = await this.orderableAssignment(actor, dto.assignmentId);
    const parsed = parseImport(dto.text, this.clock.now());
    if (parsed.tooMany) {
      throw new ValidationProblem({ text: [`får innehålla högst ${MAX_IMPORT_VALUES} värden`] });
    }
    const keys = parsed.values.map(({ key }): LookupKey =>
      key.kind === 'userId'
        ? { by: 'userId', value: key.userId }
        : { by: 'personnummer', value: key.personnummer },
    );
    const rows = await importedCandidates(
      this.db,
      a.id,
      {
        keys,
        at: this.clock.now(),
        reader: { personId: actor.person.id, isAdministrator: actor.person.isAdministrator },
        purpose: 'mass-order',
        requestId,
      },
      this.clock.today(),
    );
    const byUserId = new Map(rows.map((r) => [r.userId.toLowerCase(), r.id]));
    const byNumber = new Map(rows.filter((r) => r.personnummer).map((r) => [r.personnummer, r.id]));
    const candidates = new Map(
      rows.map((row) => [row.id, { ...row, personnummer: maskPersonnummer(row.personnummer) }]),
    );

    const report: ImportReport = { found: [], notFound: [], invalid: parsed.invalid, duplicates: [] };
    const taken = new Set<string>();
    for (const { line, value, key } of parsed.values) {
      const id = key.kind === 'userId' ? byUserId.get(key.userId) : byNumber.get(key.personnummer);
      const person = id ? candidates.get(id) : undefined;
      if (!id || !person) report.notFound.push({ line, value });
      else if (taken.has(id)) report.duplicates.push({ line, value, personId: id });
      else {
        taken.add(id);
        report.found.push({ ...person, line, value });
      }
    }
    return report;
  }

  /** Kontrollera: every chosen person against the wizard's rules, before sending (rule 8's pre-check). */
  async check(actor: Actor, dto: CheckMassOrderDto): Promise<CheckResult> {
    const a = await this.orderableAssignment(actor, dto.assignmentId);
    const add = lower(dto.add);
    const remove = lower(dto.remove);
    const today = this.clock.today();
    const [persons, attestant] = await Promise.all([
      personFacts(this.db, a.id, [...new Set([...add, ...remove])], today),
      dto.attestantId ? this.attestant(dto.attestantId) : null,
    ]);
    return massOrderVerdicts({
      assignment: a,
      today,
      startDate: dto.startDate ?? today,
      orderer: actor.rights,
      attestant: attestant === null ? null : attestant?.rights,
      attestantId: dto.attestantId ?? null,
      add,
      remove,
      persons,
    });
  }

  /** The chosen attestant and their rights; undefined when there is no such person. */
  async attestant(personId: string): Promise<{ person: PersonContact; rights: Rights } | undefined> {
    const [person] = await personContacts(this.db, [personId.toLowerCase()]);
    return person ? { person, rights: await this.rights.forPerson(person) } : undefined;
  }
}
