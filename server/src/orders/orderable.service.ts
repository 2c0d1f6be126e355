import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import { RightsService } from '../delegations/rights.service.js';
import { Clock } from '../common/clock.js';
import { notFound, ProblemException } from '../common/problem.js';
import { isUuid } from '../common/uuid.js';
import {
  type AssignmentFacts,
  careUnitExists,
  catalogueOf,
  endUserFacts,
} from '../directory/directory.facts.js';
import { DirectoryHoldings } from '../directory/holdings.js';
import { operationsByIds } from '../access-catalogue/template.reads.js';
import {
  templateHoldingsOf,
  type TemplateFacts,
  type TemplateHolding,
  templatesOfOperations,
} from '../access-catalogue/template.reads.js';
import {
  type NotOrderableTemplateReason,
  type OrderableArea,
  type OrderableTemplate,
  type OrderableTemplatesAnswer,
  VMU_ORDER_TYPES,
  type AttestantView,
  type NotOrderableReason,
  ORDER_TYPES,
  type OrderableAnswer,
  type OrderableAssignment,
  type OrderableUnit,
  type OrderType,
} from './order.types.js';
import { RULE_MESSAGES } from './orders.errors.js';
import { openLinesOf, openTemplateLinesOf } from './orders.reads.js';
import { engagedUnitsOf, engagementElsewhere, lineWarning } from './order-warnings.js';

const badQuery = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-query', detail);

function single(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badQuery(`Ange ${key} en gång.`);
  return value.trim();
}

/** `assignmentIds=a,b` or `assignmentIds=a&assignmentIds=b`. */
function idList(query: Record<string, unknown>, key: string): string[] {
  const value = query[key];
  if (value === undefined || value === '') return [];
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [v],
  );
  if (!list.every(isUuid)) throw badQuery(`${key} måste vara giltiga id.`);
  return list.map((id) => id.toLowerCase());
}

/**
 * What the wizard offers: the units and assignments the current user may order on (ORDER and
 * ATTEST there, or head), marked for the end user, and who may attest on a unit. The wizard is
 * a help only; PlacementService checks every rule again.
 */
@Injectable()
export class OrderableService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rights: RightsService,
    private readonly holdings: DirectoryHoldings,
    private readonly clock: Clock,
  ) {}

  async orderable(actor: Actor, query: Record<string, unknown>): Promise<OrderableAnswer> {
    const type = (single(query, 'type') ?? 'GRANT') as OrderType;
    if (!(VMU_ORDER_TYPES as readonly string[]).includes(type)) {
      throw badQuery('type måste vara GRANT eller REVOKE.');
    }
    const endUserId = single(query, 'endUserId');
    if (endUserId !== undefined && !isUuid(endUserId)) throw badQuery('endUserId måste vara ett giltigt id.');

    const today = this.clock.today();
    const endUser = endUserId ? await endUserFacts(this.db, endUserId, today) : undefined;
    if (endUserId && !endUser) throw notFound('Personen');
    const unitIds = actor.rights.units
      .filter((u) => u.order !== null && u.attest !== null)
      .map((u) => u.careUnitId);
    const [catalogue, held, pending, engagedUnits] = await Promise.all([
      catalogueOf(this.db, unitIds),
      endUserId ? this.holdings.heldOn(this.db, endUserId, today) : new Map<string, string>(),
      endUserId ? openLinesOf(this.db, endUserId) : new Set<string>(),
      endUserId ? engagedUnitsOf(this.db, endUserId, today) : [],
    ]);

    const units = new Map<string, OrderableUnit>();
    for (const a of catalogue) {
      if (!(actor.rights.mayOrder(a.careUnitId, a.id) && actor.rights.mayAttest(a.careUnitId, a.id)))
        continue;
      // Rule 37: an assignment or unit gone from KIV is not offered for a new grant; a held one can be ended.
      if (type === 'GRANT' && !(a.active && a.careUnitActive)) continue;
      const offered =
        endUser === undefined ? describe(a, null) : this.forEndUser(a, type, endUser, held, pending);
      if (!offered) continue;
      // Rule 2d: what placing will ask the orderer to confirm, so the wizard can say it before the send.
      if (offered.orderable && engagementElsewhere(type, engagedUnits, a.careUnitId)) {
        offered.warnings = [lineWarning('ENGAGEMENT_ELSEWHERE')];
      }
      const unit = units.get(a.careUnitId) ?? {
        careUnitId: a.careUnitId,
        careUnitName: a.careUnitName,
        careUnitHsaId: a.careUnitHsaId,
        administrationName: a.administrationName,
        assignments: [],
      };
      unit.assignments.push(offered);
      units.set(a.careUnitId, unit);
    }
    return {
      endUser: endUser
        ? {
            hasActiveEngagement: endUser.hasActiveEngagement,
            privateProvider: endUser.privateProvider,
            active: endUser.active,
          }
        : null,
      units: [...units.values()],
    };
  }

  /**
   * What the access wizard offers (issue 14): the områden and verksamheter the current user may
   * order access for, with their templates marked for the end user. GRANT: every template, those
   * held, pending or inactive not orderable; CHANGE and REVOKE: only the templates the end user
   * holds. PlacementService checks every rule again.
   */
  async orderableTemplates(actor: Actor, query: Record<string, unknown>): Promise<OrderableTemplatesAnswer> {
    const type = (single(query, 'type') ?? 'GRANT') as OrderType;
    if (!ORDER_TYPES.includes(type)) throw badQuery('type måste vara GRANT, CHANGE eller REVOKE.');
    const endUserId = single(query, 'endUserId');
    if (endUserId !== undefined && !isUuid(endUserId)) throw badQuery('endUserId måste vara ett giltigt id.');
    const today = this.clock.today();
    const endUser = endUserId ? await endUserFacts(this.db, endUserId, today) : undefined;
    if (endUserId && !endUser) throw notFound('Personen');
    const operationIds = actor.rights.operations
      .filter((o) => actor.rights.mayOrderAccess(o.operationId))
      .map((o) => o.operationId);
    const [templates, held, pending] = await Promise.all([
      templatesOfOperations(this.db, operationIds),
      endUserId ? templateHoldingsOf(this.db, endUserId) : new Map<string, TemplateHolding>(),
      endUserId ? openTemplateLinesOf(this.db, endUserId) : new Set<string>(),
    ]);
    const areas = new Map<string, OrderableArea>();
    for (const t of templates) {
      const offered = offerTemplate(t, type, endUser ?? null, held.get(t.id) ?? null, pending.has(t.id));
      if (!offered) continue;
      const area = areas.get(t.areaId) ?? { id: t.areaId, name: t.areaName, operations: [] };
      areas.set(t.areaId, area);
      let operation = area.operations.find((o) => o.id === t.operationId);
      if (!operation) {
        operation = { id: t.operationId, name: t.operationName, templates: [] };
        area.operations.push(operation);
      }
      operation.templates.push(offered);
    }
    return {
      endUser: endUser
        ? {
            hasActiveEngagement: endUser.hasActiveEngagement,
            privateProvider: endUser.privateProvider,
            active: endUser.active,
          }
        : null,
      areas: [...areas.values()],
    };
  }

  /** Who may attest access orders of the verksamhet: its head and its ATTEST delegates. */
  async accessAttestants(accessOperationId: string): Promise<AttestantView[]> {
    if (!isUuid(accessOperationId)) throw badQuery('accessOperationId måste vara ett giltigt id.');
    const [operation] = await operationsByIds(this.db, [accessOperationId.toLowerCase()]);
    if (!operation) throw notFound('Verksamheten');
    return this.rights.attestantsOfOperation(operation.id);
  }

  /** Who may attest on the unit (for all of `assignmentIds` when given), sorted by last name. */
  async attestants(query: Record<string, unknown>): Promise<AttestantView[]> {
    const accessOperationId = single(query, 'accessOperationId');
    if (accessOperationId !== undefined) return this.accessAttestants(accessOperationId);
    const careUnitId = single(query, 'careUnitId');
    if (!careUnitId || !isUuid(careUnitId)) throw badQuery('Ange careUnitId, ett giltigt id.');
    if (!(await careUnitExists(this.db, careUnitId))) throw notFound('Vårdenheten');
    return this.rights.attestantsOf(careUnitId, idList(query, 'assignmentIds'));
  }

  /** An assignment as offered for this end user; undefined when it is not shown at all. */
  private forEndUser(
    a: AssignmentFacts,
    type: OrderType,
    endUser: { hasActiveEngagement: boolean; privateProvider: boolean; active: boolean },
    held: Map<string, string>,
    pending: Set<string>,
  ): OrderableAssignment | undefined {
    const heldFrom = held.get(a.id);
    if (type === 'REVOKE') {
      // Avslut lists only what the person holds (seeds/001).
      if (heldFrom === undefined) return undefined;
      return { ...describe(a, pending.has(a.id) ? 'ALREADY_PENDING' : null), heldFrom };
    }
    // The seed: Spärr & Logg is not even shown to staff of the region.
    if (a.privateProviderOnly && !endUser.privateProvider) return undefined;
    const reason: NotOrderableReason | null =
      heldFrom !== undefined
        ? 'ALREADY_HELD'
        : pending.has(a.id)
          ? 'ALREADY_PENDING'
          : !endUser.active
            ? 'PERSON_INACTIVE'
            : !endUser.hasActiveEngagement
              ? 'NO_ACTIVE_ENGAGEMENT'
              : null;
    return describe(a, reason);
  }
}

/** A template as offered for this end user (null: asked without one); undefined when not shown. */
function offerTemplate(
  t: TemplateFacts,
  type: OrderType,
  endUser: { hasActiveEngagement: boolean; active: boolean } | null,
  held: TemplateHolding | null,
  pending: boolean,
): OrderableTemplate | undefined {
  // Förändring and Avslut list only what the person holds.
  if (type !== 'GRANT' && endUser && !held) return undefined;
  let reason: NotOrderableTemplateReason | null = null;
  if (endUser) {
    if (type === 'GRANT' && held) reason = 'TEMPLATE_ALREADY_HELD';
    else if (pending) reason = 'TEMPLATE_ALREADY_PENDING';
    else if (type !== 'REVOKE' && !endUser.active) reason = 'PERSON_INACTIVE';
    else if (type !== 'REVOKE' && !endUser.hasActiveEngagement) reason = 'NO_ACTIVE_ENGAGEMENT';
  }
  // An inactive template is not offered for a new grant at all; a held one can still be changed or ended.
  if (!t.active && type === 'GRANT') return undefined;
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    professions: t.professions,
    systems: t.systems,
    orderable: reason === null,
    reason,
    reasonText: reason === null ? null : RULE_MESSAGES[reason],
    held: held
      ? { professionId: held.professionId, professionName: held.professionName, heldFrom: held.heldFrom }
      : null,
  };
}

function describe(a: AssignmentFacts, reason: NotOrderableReason | null): OrderableAssignment {
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    purpose: a.purpose,
    description: a.description,
    privateProviderOnly: a.privateProviderOnly,
    requiresLocalAccess: a.requiresLocalAccess,
    orderable: reason === null,
    reason,
    reasonText: reason === null ? null : RULE_MESSAGES[reason],
  };
}
