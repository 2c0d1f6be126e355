import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import { RightsService } from '../delegations/rights.service.js';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import type { PlaceOrderDto } from './dto/order.dto.js';
import {
  type AssignmentFacts,
  assignmentsByIds,
  endUserFacts,
  fullName,
  type PersonContact,
  personContacts,
} from '../directory/directory.facts.js';
import { DirectoryHoldings } from '../directory/holdings.js';
import { placementViolations } from './order-rules.js';
import { type OrderDraft, OrderStateMachine, PendingLineTaken } from './order-state.js';
import type { PlacedOrder } from './order.types.js';
import { orderRuleProblem, violation } from './orders.errors.js';
import {
  engagedUnitsOf,
  engagementElsewhere,
  lineWarning,
  orderWarningsProblem,
  type SendLineWarning,
} from './order-warnings.js';
import { openLinesOf, openTemplateLinesOf } from './orders.reads.js';
import {
  operationsByIds,
  type OperationFacts,
  type TemplateFacts,
  type TemplateHolding,
  templateHoldingsOf,
  templatesByIds,
} from '../access-catalogue/template.reads.js';
import { type AccessItemInput, type AccessLine, accessViolations } from './order-access-rules.js';
import type { TemplateLine } from './order-insert.js';

/**
 * Placing orders (POST /api/orders): every rule is checked again here whatever the wizard
 * showed, then the send becomes one order per care unit and one per verksamhet (its template
 * lines, issue 14), all in one transaction with their audit events and the mails to the
 * attestants.
 */
@Injectable()
export class PlacementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rights: RightsService,
    private readonly holdings: DirectoryHoldings,
    private readonly machine: OrderStateMachine,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async place(actor: Actor, dto: PlaceOrderDto): Promise<PlacedOrder[]> {
    const today = this.clock.today();
    const requested = (dto.items ?? []).map((i) => i.assignmentId.toLowerCase());
    const accessItems: AccessItemInput[] = (dto.accessItems ?? []).map((i) => ({
      templateId: i.templateId.toLowerCase(),
      professionId: i.professionId?.toLowerCase(),
      previousTemplateId: i.previousTemplateId?.toLowerCase(),
    }));
    const templateIds = [
      ...new Set(
        accessItems.flatMap((i) => [i.templateId, ...(i.previousTemplateId ? [i.previousTemplateId] : [])]),
      ),
    ];
    const [endUser, found, held, pending, engagedUnits, templateList, heldTemplates, pendingTemplates] =
      await Promise.all([
        endUserFacts(this.db, dto.endUserId, today),
        assignmentsByIds(this.db, requested),
        this.holdings.heldOn(this.db, dto.endUserId, today),
        openLinesOf(this.db, dto.endUserId),
        engagedUnitsOf(this.db, dto.endUserId, today),
        templatesByIds(this.db, templateIds),
        accessItems.length ? templateHoldingsOf(this.db, dto.endUserId) : new Map(),
        accessItems.length ? openTemplateLinesOf(this.db, dto.endUserId) : new Set<string>(),
      ]);
    const byId = new Map(found.map((a) => [a.id, a]));
    const templates = new Map(templateList.map((t) => [t.id, t]));
    const units = [...new Set(found.map((a) => a.careUnitId))];
    const operations = [
      ...new Set(
        accessItems.map((i) => templates.get(i.templateId)?.operationId).filter((o) => o !== undefined),
      ),
    ];
    const chosen = new Map(
      [...units, ...operations].map((key) => [key, dto.attestants?.[key] ?? dto.attestantId]),
    );
    const attestants = await this.attestantsWithRights([...chosen.values()]);

    const violations = placementViolations({
      type: dto.type,
      today,
      startDate: dto.startDate,
      endDate: dto.endDate ?? null,
      endUser,
      lines: requested.map((assignmentId) => ({ assignmentId, assignment: byId.get(assignmentId) })),
      held: new Set(held.keys()),
      pending,
      orderer: actor.rights,
      attestantChosen: new Map(units.map((unit) => [unit, chosen.get(unit) !== undefined])),
      attestantRights: new Map(units.map((unit) => [unit, attestants.get(chosen.get(unit) ?? '')?.rights])),
      attestantIds: chosen,
      accessLineCount: accessItems.length,
    });
    const access = endUser
      ? accessViolations({
          type: dto.type,
          endUser,
          items: accessItems,
          templates,
          held: heldTemplates,
          pending: pendingTemplates,
          orderer: actor.rights,
          attestantIds: new Map(operations.map((o) => [o, chosen.get(o)])),
          attestantRights: new Map(
            operations.map((o) => [o, attestants.get(chosen.get(o)?.toLowerCase() ?? '')?.rights]),
          ),
        })
      : { violations: [], lines: [] };
    violations.push(...access.violations);
    if (violations.length > 0 || !endUser) throw orderRuleProblem(violations);

    // Rule 2d, Engagement elsewhere is a warning: allowed, once the orderer has confirmed it.
    const warnings: SendLineWarning[] = requested.flatMap((assignmentId, line) => {
      const a = byId.get(assignmentId) as AssignmentFacts;
      return engagementElsewhere(dto.type, engagedUnits, a.careUnitId)
        ? [{ ...lineWarning('ENGAGEMENT_ELSEWHERE'), line, assignmentId: a.id, careUnitId: a.careUnitId }]
        : [];
    });
    if (warnings.length > 0 && dto.confirmedWarnings !== true) throw orderWarningsProblem(warnings);
    const lineWarnings: Record<string, string[]> = {};
    for (const w of warnings)
      lineWarnings[w.assignmentId] = [...(lineWarnings[w.assignmentId] ?? []), w.code];

    const drafts = [
      ...this.split(
        dto,
        actor.person.id,
        requested.map((id) => byId.get(id) as AssignmentFacts),
        chosen,
      ).map((draft) => ({ ...draft, lineWarnings })),
      ...this.splitAccess(dto, actor.person.id, access.lines, chosen),
    ];
    const operationsById = new Map(
      (await operationsByIds(this.db, operations)).map((o) => [o.id, o] as const),
    );
    try {
      return await this.db.transaction(async (m) => {
        const created = await this.machine.create(m, drafts, actor.person.id);
        const placed: PlacedOrder[] = [];
        for (const { order, items } of created) {
          const attestant = attestants.get(order.attestantId)?.person;
          if (order.kind === 'ACCESS') {
            const operation = operationsById.get(order.accessOperationId as string) as OperationFacts;
            await this.mail.enqueue(m, {
              to: attestant?.email,
              template: 'ORDER_AWAITING_ATTEST',
              data: {
                orderId: order.id,
                orderNumber: order.orderNumber,
                recipientName: attestant ? fullName(attestant) : undefined,
                type: order.type,
                endUserName: `${fullName(endUser)} (${endUser.userId})`,
                ordererName: `${fullName(actor.person)} (${actor.person.userId})`,
                accessAreaName: operation.areaName,
                accessOperationName: operation.name,
                startDate: order.startDate,
                urgent: order.urgent,
                templateLines: items.map((i) => templateLineText(templates, heldTemplates, i)),
              },
            });
            placed.push({
              id: order.id,
              orderNumber: order.orderNumber,
              kind: 'ACCESS',
              careUnitId: null,
              careUnitName: null,
              accessOperationId: operation.id,
              accessOperationName: operation.name,
            });
            continue;
          }
          const unit = byId.get(items[0].assignmentId as string) as AssignmentFacts;
          await this.mail.enqueue(m, {
            to: attestant?.email,
            template: 'ORDER_AWAITING_ATTEST',
            data: {
              orderId: order.id,
              orderNumber: order.orderNumber,
              recipientName: attestant ? fullName(attestant) : undefined,
              type: order.type,
              endUserName: `${fullName(endUser)} (${endUser.userId})`,
              ordererName: `${fullName(actor.person)} (${actor.person.userId})`,
              careUnitName: unit.careUnitName,
              startDate: order.startDate,
              urgent: order.urgent,
              assignmentNames: items.map(
                (i) => byId.get(i.assignmentId as string)?.name ?? String(i.assignmentId),
              ),
            },
          });
          placed.push({
            id: order.id,
            orderNumber: order.orderNumber,
            kind: 'VMU',
            careUnitId: unit.careUnitId,
            careUnitName: unit.careUnitName,
            accessOperationId: null,
            accessOperationName: null,
          });
        }
        return placed;
      });
    } catch (error) {
      throw this.pendingMeanwhile(error, requested, byId, accessItems, templates) ?? error;
    }
  }

  /**
   * One draft per verksamhet of the template lines (for a Förändring the new template's), in
   * name order after the care units' orders, so the order numbers follow the receipt.
   */
  private splitAccess(
    dto: PlaceOrderDto,
    ordererId: string,
    lines: readonly AccessLine[],
    chosen: Map<string, string | undefined>,
  ): OrderDraft[] {
    const byOperation = new Map<string, AccessLine[]>();
    for (const l of lines) {
      const key = l.template.operationId;
      byOperation.set(key, [...(byOperation.get(key) ?? []), l]);
    }
    return [...byOperation.values()]
      .sort(
        (a, b) =>
          a[0].template.operationName.localeCompare(b[0].template.operationName, 'sv') ||
          a[0].template.operationId.localeCompare(b[0].template.operationId),
      )
      .map((operationLines) => ({
        kind: 'ACCESS' as const,
        type: dto.type,
        endUserId: dto.endUserId,
        ordererId,
        attestantId: (chosen.get(operationLines[0].template.operationId) as string).toLowerCase(),
        careUnitId: null,
        accessOperationId: operationLines[0].template.operationId,
        startDate: dto.startDate,
        endDate: dto.endDate ?? null,
        urgent: dto.urgent ?? false,
        comment: dto.comment ?? null,
        batchId: null,
        assignmentIds: [],
        templateLines: operationLines.map((l): TemplateLine => ({
          templateId: l.template.id,
          professionId: l.professionId,
          previousTemplateId: l.previous?.templateId ?? null,
          previousProfessionId: l.previous?.professionId ?? null,
        })),
      }));
  }

  /** One draft per care unit, units in name order so the order numbers follow the receipt. */
  private split(
    dto: PlaceOrderDto,
    ordererId: string,
    lines: AssignmentFacts[],
    chosen: Map<string, string | undefined>,
  ): OrderDraft[] {
    const byUnit = new Map<string, AssignmentFacts[]>();
    for (const a of lines) byUnit.set(a.careUnitId, [...(byUnit.get(a.careUnitId) ?? []), a]);
    return [...byUnit.values()]
      .sort((a, b) => a[0].careUnitName.localeCompare(b[0].careUnitName, 'sv'))
      .map((unitLines) => ({
        type: dto.type,
        endUserId: dto.endUserId,
        ordererId,
        attestantId: chosen.get(unitLines[0].careUnitId) as string,
        careUnitId: unitLines[0].careUnitId,
        startDate: dto.startDate,
        endDate: dto.endDate ?? null,
        urgent: dto.urgent ?? false,
        comment: dto.comment ?? null,
        batchId: null,
        assignmentIds: unitLines.map((a) => a.id),
      }));
  }

  private async attestantsWithRights(
    ids: (string | undefined)[],
  ): Promise<Map<string, { person: PersonContact; rights: Rights }>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))].map((id) =>
      id.toLowerCase(),
    );
    const persons = wanted.length ? await personContacts(this.db, wanted) : [];
    const entries = await Promise.all(
      persons.map(
        async (person) => [person.id, { person, rights: await this.rights.forPerson(person) }] as const,
      ),
    );
    return new Map(entries);
  }

  /**
   * Another send took the same open line after our checks: the whole send rolled back. Answered
   * like the rule it is, naming the lines.
   */
  private pendingMeanwhile(
    error: unknown,
    requested: string[],
    byId: Map<string, AssignmentFacts>,
    accessItems: readonly AccessItemInput[],
    templates: ReadonlyMap<string, TemplateFacts>,
  ): Error | undefined {
    if (!(error instanceof PendingLineTaken)) return undefined;
    const templateViolations = error.templateIds.map((id) => {
      const t = templates.get(id);
      return violation('TEMPLATE_ALREADY_PENDING', null, {
        accessLine: accessItems.findIndex((i) => i.templateId === id),
        templateId: id,
        ...(t
          ? { templateName: t.name, accessOperationId: t.operationId, accessOperationName: t.operationName }
          : {}),
      });
    });
    return orderRuleProblem(
      [
        ...error.assignmentIds.map((id) => {
          const a = byId.get(id);
          return violation(
            'ALREADY_PENDING',
            requested.indexOf(id),
            a
              ? {
                  assignmentId: a.id,
                  assignmentName: a.name,
                  careUnitId: a.careUnitId,
                  careUnitName: a.careUnitName,
                }
              : { assignmentId: id },
          );
        }),
        ...templateViolations,
      ],
      HttpStatus.CONFLICT,
    );
  }
}

/** "Behörighetsmall X (Yrkeskategori Y)", for a Förändring with what it replaces. */
function templateLineText(
  templates: ReadonlyMap<string, TemplateFacts>,
  held: ReadonlyMap<string, TemplateHolding>,
  item: {
    templateId: string | null;
    professionId: string | null;
    previousTemplateId: string | null;
    previousProfessionId: string | null;
  },
): string {
  const named = (templateId: string | null, professionId: string | null) => {
    const t = templateId ? templates.get(templateId) : undefined;
    // An Avslut's or a replaced pair's profession is the holding's, which the template may no longer offer.
    const profession =
      t?.professions.find((p) => p.id === professionId)?.name ??
      [...held.values()].find((h) => h.professionId === professionId)?.professionName ??
      professionId;
    return `Behörighetsmall ${t?.name ?? templateId} (Yrkeskategori ${profession})`;
  };
  const line = named(item.templateId, item.professionId);
  return item.previousTemplateId
    ? `${line} i stället för ${named(item.previousTemplateId, item.previousProfessionId)}`
    : line;
}
