import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, forbidden } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { BOM, csvLine } from '../common/csv-export.js';
import { ValidationProblem } from '../common/problem.js';
import { fullName, personContacts } from '../directory/directory.facts.js';
import {
  catalogueNameSql,
  operationsExistSql,
  reviewScopeOperationsSql,
  reviewTemplateHoldingsSql,
} from '../access-catalogue/reviews.reads.js';
import {
  assignmentNameSql,
  careUnitNameSql,
  joinPerson,
  leftJoinPerson,
  personNameOrderSql,
  personNameSql,
  personTitleSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import {
  administrationExistsSql,
  careUnitsExistSql,
  hasEngagementSql,
  reviewHoldingsSql,
  reviewScopeUnitsSql,
} from '../directory/reviews.reads.js';
import { type PersonBrief, RightsService } from '../delegations/rights.service.js';
import { MailService } from '../mail/mail.service.js';
import { lastGrantOrdersSql, orderNumberSql } from '../orders/review-revokes.js';
import {
  HOLDING_NAME,
  ITEM_JOINS,
  ITEM_KIND,
  ITEM_ORDER,
  inPlacesSql,
  PLACE_ID,
  PLACE_NAME,
} from './item-sql.js';
import type { CreateCampaignDto } from './dto/create-campaign.dto.js';
import type { SaveDecisionsDto } from './dto/decisions.dto.js';
import type { AssignReviewerDto } from './dto/assign-reviewer.dto.js';
import {
  campaignNotActive,
  campaignNotFound,
  commentRequired,
  itemsAlreadySigned,
  itemsNotYours,
  scopeForbidden,
} from './reviews.errors.js';
import type {
  ReviewCampaign,
  ReviewCampaignDetail,
  ReviewerCandidate,
  ReviewerPage,
  ReviewItem,
  ReviewProgress,
  ReviewUnitReport,
} from './reviews.types.js';

/** The columns of a campaign as ReviewCampaign (without progress), from `review_campaign c`. */
const CAMPAIGN_COLUMNS = `c.id, c.name, c.content, c.scope_kind AS "scopeKind", c.administration_id AS "administrationId",
  c.care_unit_ids AS "careUnitIds", c.access_operation_ids AS "accessOperationIds", to_char(c.start_date, 'YYYY-MM-DD') AS "startDate",
  to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", to_char(c.revoke_date, 'YYYY-MM-DD') AS "revokeDate",
  c.undecided_rule AS "undecidedRule", c.recurrence_months AS "recurrenceMonths", c.status,
  c.created_by AS "createdBy", c.created_at AS "createdAt", c.started_at AS "startedAt",
  c.closed_at AS "closedAt"`;

/** Progress of the items `ri` matching the statement's WHERE, as ReviewProgress columns. */
const PROGRESS_COLUMNS = `count(ri.id)::int AS total,
  count(ri.decision)::int AS decided,
  count(ri.signed_at)::int AS signed,
  count(*) FILTER (WHERE ri.signed_at IS NOT NULL AND ri.decision = 'KEEP')::int AS kept,
  count(*) FILTER (WHERE ri.signed_at IS NOT NULL AND ri.decision = 'REMOVE')::int AS removed`;

const DECISION_LABELS: Record<string, string> = { KEEP: 'Behåll', REMOVE: 'Ta bort' };

interface ReportRow {
  id: string;
  placeId: string;
  kind: 'VMU' | 'ACCESS';
  unit: string;
  assignment: string;
  profession: string | null;
  person: string;
  userId: string;
  title: string | null;
  engaged: boolean;
  heldFrom: string;
  lastOrder: string | null;
  decision: 'KEEP' | 'REMOVE' | null;
  byRule: boolean;
  comment: string | null;
  reviewer: string | null;
  signedAt: Date | null;
  revokeOrder: string | null;
}

/** A care unit (its VMU items) or a verksamhet (its template items) of a campaign. */
export type ReviewPlace =
  | { careUnitId: string; accessOperationId?: undefined }
  | { careUnitId?: undefined; accessOperationId: string };

type CampaignRow = Omit<ReviewCampaign, 'progress' | 'createdByName'> & { createdByName: string | null };

/**
 * Access reviews (issue 17): campaigns, their snapshot, the reviewer's page and its drafted
 * decisions. Signing the decisions is ReviewSigning's; nothing drafted here has any effect.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly rights: RightsService,
  ) {}

  /**
   * Creates a campaign; one whose start date is today starts at once, in the same transaction
   * (the scheduler starts later ones on their day). Administrators may review any scope; a head
   * of unit only units they head, a head of verksamhet only verksamheter they head.
   */
  async create(actor: Actor, dto: CreateCampaignDto): Promise<ReviewCampaignDetail> {
    const today = this.clock.today();
    const errors: Record<string, string[]> = {};
    const add = (field: string, message: string) => (errors[field] = [...(errors[field] ?? []), message]);
    const content = dto.content ?? 'VMU';
    const unitIds = (dto.careUnitIds ?? []).map((id) => id.toLowerCase());
    const operationIds = (dto.accessOperationIds ?? []).map((id) => id.toLowerCase());
    if (dto.scopeKind === 'ADMINISTRATION' && !dto.administrationId) add('administrationId', 'måste anges');
    if (dto.scopeKind !== 'ADMINISTRATION' && dto.administrationId)
      add('administrationId', 'anges bara när en förvaltning granskas');
    if (dto.scopeKind === 'ADMINISTRATION' && content !== 'VMU')
      add('content', 'en förvaltning omfattar bara vårdenheternas uppdrag (VMU)');
    if (dto.scopeKind === 'UNITS' && content !== 'ACCESS' && unitIds.length === 0)
      add('careUnitIds', 'måste innehålla minst en vårdenhet');
    if (dto.scopeKind === 'UNITS' && content !== 'VMU' && operationIds.length === 0)
      add('accessOperationIds', 'måste innehålla minst en verksamhet');
    if (unitIds.length > 0 && (dto.scopeKind !== 'UNITS' || content === 'ACCESS'))
      add('careUnitIds', 'anges bara när valda vårdenheters uppdrag granskas');
    if (operationIds.length > 0 && (dto.scopeKind !== 'UNITS' || content === 'VMU'))
      add('accessOperationIds', 'anges bara när valda verksamheters behörighetsmallar granskas');
    if (dto.startDate < today) add('startDate', 'får inte vara före dagens datum');
    if (dto.dueDate <= dto.startDate) add('dueDate', 'måste vara efter startdatumet');
    if (dto.revokeDate < dto.dueDate) add('revokeDate', 'får inte vara före sista dag för granskning');
    if (Object.keys(errors).length > 0) throw new ValidationProblem(errors);

    const rights = actor.rights;
    if (
      !rights.administrator &&
      (dto.scopeKind !== 'UNITS' ||
        unitIds.some((id) => !rights.heads(id)) ||
        operationIds.some((id) => !rights.headsOperation(id)))
    ) {
      throw scopeForbidden();
    }
    return this.db.transaction(async (m) => {
      const [exists] = await m.query<{ units: boolean; operations: boolean; administration: boolean }[]>(
        `SELECT ${careUnitsExistSql('$1::uuid[]')} AS units, ${operationsExistSql('$3::uuid[]')} AS operations,
                ($2::uuid IS NULL OR ${administrationExistsSql('$2::uuid')}) AS administration`,
        [unitIds, dto.administrationId ?? null, operationIds],
      );
      if (!exists.units)
        throw new ValidationProblem({ careUnitIds: ['innehåller en vårdenhet som inte finns'] });
      if (!exists.operations)
        throw new ValidationProblem({ accessOperationIds: ['innehåller en verksamhet som inte finns'] });
      if (!exists.administration)
        throw new ValidationProblem({ administrationId: ['är en förvaltning som inte finns'] });
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO review_campaign (name, scope_kind, administration_id, care_unit_ids, start_date, due_date,
                                      revoke_date, undecided_rule, recurrence_months, created_by, created_at,
                                      content, access_operation_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          dto.name,
          dto.scopeKind,
          dto.administrationId ?? null,
          unitIds,
          dto.startDate,
          dto.dueDate,
          dto.revokeDate,
          dto.undecidedRule,
          dto.recurrenceMonths ?? null,
          actor.person.id,
          this.clock.now(),
          content,
          operationIds,
        ],
      );
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'REVIEW_CAMPAIGN_CREATED',
        entityType: 'review_campaign',
        entityId: id,
        after: { ...dto, content, careUnitIds: unitIds, accessOperationIds: operationIds },
      });
      if (dto.startDate <= today) await this.start(m, id);
      return this.detailIn(m, actor, id);
    });
  }

  /**
   * Starts a planned campaign: snapshots every holding in scope on the start day as a review item
   * (one statement however many): VMU assignments held at the units in scope, with the unit's
   * head as reviewer, and templates held at the verksamheter in scope, with the verksamhet's head
   * as reviewer. Mails each reviewer once with their count. The campaign's row lock makes a second start (another process's
   * scheduler) find it started. Answers the number of items, or null when it was not planned.
   */
  async start(m: EntityManager, campaignId: string): Promise<number | null> {
    const [campaign] = await m.query<
      {
        id: string;
        name: string;
        status: string;
        scopeKind: string;
        content: string;
        administrationId: string | null;
        careUnitIds: string[];
        accessOperationIds: string[];
        startDate: string;
        dueDate: string;
        revokeDate: string;
        undecidedRule: 'KEEP' | 'REVOKE';
      }[]
    >(
      `SELECT id, name, status, scope_kind AS "scopeKind", content, administration_id AS "administrationId",
              care_unit_ids AS "careUnitIds", access_operation_ids AS "accessOperationIds", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", to_char(revoke_date, 'YYYY-MM-DD') AS "revokeDate",
              undecided_rule AS "undecidedRule"
         FROM review_campaign WHERE id = $1 FOR UPDATE`,
      [campaignId],
    );
    if (!campaign || campaign.status !== 'PLANNED') return null;
    const day = this.clock.today();
    const perReviewer = await m.query<
      { reviewerId: string | null; items: number; units: number; templates: number; operations: number }[]
    >(
      `WITH units AS (${reviewScopeUnitsSql('$2::varchar', '$3::uuid', '$4::uuid[]')}),
            held AS (${reviewHoldingsSql('ARRAY(SELECT id FROM units)', '$5')}),
            inserted AS (
              INSERT INTO review_item (campaign_id, care_unit_id, assignment_id, person_id, held_from, held_to,
                                       engagement_active, last_order_number, reviewer_id)
              SELECT $1, h.care_unit_id, h.assignment_id, h.person_id, h.held_from, h.held_to,
                     h.engagement_active, g.order_number, h.head_id
                FROM held h
                LEFT JOIN (${lastGrantOrdersSql()}) g
                  ON g.person_id = h.person_id AND g.assignment_id = h.assignment_id
              ON CONFLICT (campaign_id, person_id, assignment_id) DO NOTHING
              RETURNING reviewer_id, care_unit_id AS place_id, false AS template),
            operations AS (${reviewScopeOperationsSql('$6::varchar', '$7::uuid[]')}),
            templates AS (${reviewTemplateHoldingsSql('ARRAY(SELECT id FROM operations)')}),
            inserted_templates AS (
              INSERT INTO review_item (campaign_id, access_operation_id, template_id, profession_id, person_id,
                                       held_from, engagement_active, last_order_number, reviewer_id)
              SELECT $1, h.access_operation_id, h.template_id, h.profession_id, h.person_id, h.held_from,
                     ${hasEngagementSql('h.person_id', '$5')}, ${orderNumberSql('h.order_id')}, h.head_id
                FROM templates h
              ON CONFLICT (campaign_id, person_id, template_id) DO NOTHING
              RETURNING reviewer_id, access_operation_id AS place_id, true AS template)
       SELECT reviewer_id AS "reviewerId", count(*)::int AS items,
              count(DISTINCT place_id) FILTER (WHERE NOT template)::int AS units,
              count(*) FILTER (WHERE template)::int AS templates,
              count(DISTINCT place_id) FILTER (WHERE template)::int AS operations
         FROM (SELECT * FROM inserted UNION ALL SELECT * FROM inserted_templates) i
        GROUP BY reviewer_id`,
      [
        campaign.id,
        // An ACCESS campaign reviews no unit, a VMU campaign no verksamhet ('NONE' matches none).
        campaign.content === 'ACCESS' ? 'NONE' : campaign.scopeKind,
        campaign.administrationId,
        campaign.careUnitIds,
        day,
        campaign.content === 'VMU' ? 'NONE' : campaign.scopeKind,
        campaign.accessOperationIds,
      ],
    );
    const now = this.clock.now();
    await m.query(`UPDATE review_campaign SET status = 'ACTIVE', started_at = $2 WHERE id = $1`, [
      campaign.id,
      now,
    ]);
    const total = perReviewer.reduce((sum, r) => sum + r.items, 0);
    const reviewers = perReviewer.filter((r) => r.reviewerId !== null);
    const contacts = new Map(
      (
        await personContacts(
          m,
          reviewers.map((r) => r.reviewerId as string),
        )
      ).map((c) => [c.id, c]),
    );
    await this.mail.enqueueMany(
      m,
      reviewers.flatMap((r) => {
        const contact = contacts.get(r.reviewerId as string);
        if (!contact?.email) return [];
        return [
          {
            to: contact.email,
            template: 'REVIEW_STARTED' as const,
            data: {
              campaignId: campaign.id,
              recipientName: fullName(contact),
              campaignName: campaign.name,
              itemCount: r.items,
              unitCount: r.units,
              templateCount: r.templates,
              operationCount: r.operations,
              dueDate: campaign.dueDate,
              revokeDate: campaign.revokeDate,
              undecidedRule: campaign.undecidedRule,
            },
          },
        ];
      }),
    );
    await this.audit.append(m, {
      actorId: null,
      action: 'REVIEW_CAMPAIGN_STARTED',
      entityType: 'review_campaign',
      entityId: campaign.id,
      after: {
        day,
        items: total,
        reviewers: reviewers.length,
        withoutReviewer: perReviewer.find((r) => r.reviewerId === null)?.items ?? 0,
      },
    });
    return total;
  }

  /**
   * The campaigns the actor may see: all for administrators; for a head, those with their units
   * or verksamheter.
   */
  async list(actor: Actor): Promise<ReviewCampaign[]> {
    const rows = await this.db.query<(CampaignRow & ReviewProgress)[]>(
      `SELECT ${CAMPAIGN_COLUMNS}, ${personNameSql('cb')} AS "createdByName", p.*
         FROM review_campaign c
         ${leftJoinPerson('cb', 'c.created_by')}
         CROSS JOIN LATERAL (SELECT ${PROGRESS_COLUMNS} FROM review_item ri WHERE ri.campaign_id = c.id
                               AND ($1::boolean OR ${inPlacesSql('$2::uuid[]', '$4::uuid[]')})) p
        WHERE $1::boolean OR c.created_by = $3
           OR EXISTS (SELECT 1 FROM review_item ri WHERE ri.campaign_id = c.id AND ri.reviewer_id = $3)
           OR c.care_unit_ids && $2::uuid[] OR c.access_operation_ids && $4::uuid[]
        ORDER BY c.created_at DESC, c.id
        LIMIT 500`,
      [actor.rights.administrator, actor.rights.headOf, actor.person.id, actor.rights.headOfOperations],
    );
    return rows.map(withProgress);
  }

  /** A campaign with its report per unit: administrators see every unit, a head their own. */
  detail(actor: Actor, id: string): Promise<ReviewCampaignDetail> {
    return this.detailIn(this.db.manager, actor, id);
  }

  private async detailIn(m: EntityManager, actor: Actor, id: string): Promise<ReviewCampaignDetail> {
    const [campaign] = await m.query<CampaignRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS}, ${personNameSql('cb')} AS "createdByName"
         FROM review_campaign c ${leftJoinPerson('cb', 'c.created_by')} WHERE c.id = $1`,
      [id],
    );
    if (!campaign) throw campaignNotFound();
    const all = actor.rights.administrator || campaign.createdBy === actor.person.id;
    const units = await m.query<ReviewUnitReport[]>(
      `SELECT ${ITEM_KIND} AS kind,
              ri.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
              ri.access_operation_id AS "accessOperationId", ${catalogueNameSql('op')} AS "accessOperationName",
              min(ri.reviewer_id::text)::uuid AS "reviewerId", min(${personNameSql('rv')}) AS "reviewerName",
              count(*)::int AS items,
              count(*) FILTER (WHERE ri.signed_at IS NOT NULL AND ri.decision = 'KEEP')::int AS kept,
              count(*) FILTER (WHERE ri.signed_at IS NOT NULL AND ri.decision = 'REMOVE')::int AS removed,
              count(*) FILTER (WHERE ri.signed_at IS NULL)::int AS undecided,
              max(ri.signed_at) AS "lastSignedAt"
         FROM review_item ri
         ${ITEM_JOINS}
         ${leftJoinPerson('rv', 'ri.reviewer_id')}
        WHERE ri.campaign_id = $1
          AND ($2::boolean OR ${inPlacesSql('$3::uuid[]', '$5::uuid[]')} OR ri.reviewer_id = $4)
        GROUP BY ${ITEM_KIND}, ri.care_unit_id, ri.access_operation_id, ${careUnitNameSql('cu')}, ${catalogueNameSql('op')}
        ORDER BY ${ITEM_KIND} DESC, ${PLACE_NAME} COLLATE beh_sv, ${PLACE_ID}`,
      [id, all, actor.rights.headOf, actor.person.id, actor.rights.headOfOperations],
    );
    const inScope =
      all ||
      units.length > 0 ||
      campaign.careUnitIds.some((u) => actor.rights.heads(u)) ||
      campaign.accessOperationIds.some((o) => actor.rights.headsOperation(o));
    if (!inScope) throw campaignNotFound();
    const progress: ReviewProgress = { total: 0, decided: 0, signed: 0, kept: 0, removed: 0 };
    for (const u of units) {
      progress.total += u.items;
      progress.signed += u.kept + u.removed;
      progress.kept += u.kept;
      progress.removed += u.removed;
    }
    const [{ decided }] = await m.query<{ decided: number }[]>(
      `SELECT count(*)::int AS decided FROM review_item ri
        WHERE ri.campaign_id = $1 AND ri.decision IS NOT NULL
          AND ($2::boolean OR ${inPlacesSql('$3::uuid[]', '$5::uuid[]')} OR ri.reviewer_id = $4)`,
      [id, all, actor.rights.headOf, actor.person.id, actor.rights.headOfOperations],
    );
    progress.decided = decided;
    return { ...campaign, progress, units };
  }

  /**
   * Who may review a unit's (verksamhet's) items instead of its head: the head and every holder of
   * active ATTEST delegations covering the assignments the unit's items are of
   * (RightsService.attestantsOf), or covering the verksamhet (attestantsOfOperation).
   */
  async reviewerCandidates(
    actor: Actor,
    campaignId: string,
    place: ReviewPlace,
  ): Promise<ReviewerCandidate[]> {
    return (await this.candidatesIn(this.db.manager, actor, campaignId, place)).map((p) => ({
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      userId: p.userId,
      title: p.title,
    }));
  }

  /**
   * Hands a unit's (verksamhet's) unsigned items to another reviewer with attest rights there
   * (the head, or an ATTEST delegate covering them): by an administrator or the head. Their
   * drafts are cleared (the new reviewer decides), the new reviewer is mailed their count, and
   * the change is audited. Signed items stay as signed.
   */
  async assignReviewer(
    actor: Actor,
    campaignId: string,
    dto: AssignReviewerDto,
  ): Promise<ReviewCampaignDetail> {
    if (!dto.careUnitId === !dto.accessOperationId) {
      throw new ValidationProblem(
        { careUnitId: ['ange antingen en vårdenhet eller en verksamhet'] },
        'Ange vilken vårdenhets eller verksamhets granskning som ska byta granskare.',
      );
    }
    const place: ReviewPlace = dto.careUnitId
      ? { careUnitId: dto.careUnitId.toLowerCase() }
      : { accessOperationId: (dto.accessOperationId as string).toLowerCase() };
    const reviewerId = dto.reviewerId.toLowerCase();
    return this.db.transaction(async (m) => {
      const status = await this.lockActive(m, campaignId);
      if (status !== 'ACTIVE') throw campaignNotActive(status);
      const candidates = await this.candidatesIn(m, actor, campaignId, place);
      if (!candidates.some((c) => c.id === reviewerId)) {
        throw 'careUnitId' in place
          ? new ValidationProblem(
              { reviewerId: ['har inte attesträtt för vårdenhetens uppdrag'] },
              'Granskaren måste vara verksamhetschef eller ha attesträtt (delegering) för vårdenhetens uppdrag.',
            )
          : new ValidationProblem(
              { reviewerId: ['har inte attesträtt för verksamheten'] },
              'Granskaren måste vara verksamhetens chef eller ha attesträtt (delegering) för verksamheten.',
            );
      }
      const moved = await m.query<{ id: string }[]>(
        `UPDATE review_item SET reviewer_id = $4, decision = NULL, comment = NULL, decided_at = NULL
          WHERE campaign_id = $1 AND (care_unit_id = $2 OR access_operation_id = $3) AND signed_at IS NULL
          RETURNING id`,
        [campaignId, place.careUnitId ?? null, place.accessOperationId ?? null, reviewerId],
      );
      const count = (moved as unknown as [unknown[], number])[1];
      const [campaign] = await m.query<
        { name: string; dueDate: string; revokeDate: string; rule: 'KEEP' | 'REVOKE' }[]
      >(
        `SELECT name, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", to_char(revoke_date, 'YYYY-MM-DD') AS "revokeDate",
                undecided_rule AS rule FROM review_campaign WHERE id = $1`,
        [campaignId],
      );
      const [contact] = await personContacts(m, [reviewerId]);
      if (count > 0 && contact?.email) {
        await this.mail.enqueue(m, {
          to: contact.email,
          template: 'REVIEW_STARTED',
          data: {
            campaignId,
            recipientName: fullName(contact),
            campaignName: campaign.name,
            itemCount: count,
            unitCount: place.careUnitId ? 1 : 0,
            ...(place.accessOperationId ? { templateCount: count, operationCount: 1 } : {}),
            dueDate: campaign.dueDate,
            revokeDate: campaign.revokeDate,
            undecidedRule: campaign.rule,
          },
        });
      }
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'REVIEW_REVIEWER_CHANGED',
        entityType: 'review_campaign',
        entityId: campaignId,
        after: { ...place, reviewerId, items: count },
      });
      return this.detailIn(m, actor, campaignId);
    });
  }

  /**
   * Who may review a place's items, for an administrator or the place's head (403 for anyone
   * else; 404 when the campaign has no items there): for a care unit, the holders of attest
   * rights for the assignments of its items; for a verksamhet, for the verksamhet.
   */
  private async candidatesIn(
    m: EntityManager,
    actor: Actor,
    campaignId: string,
    place: ReviewPlace,
  ): Promise<PersonBrief[]> {
    if ('careUnitId' in place && place.careUnitId) {
      if (!actor.rights.administrator && !actor.rights.heads(place.careUnitId)) {
        throw forbidden('Bara vårdenhetens verksamhetschef eller en administratör kan byta granskare.');
      }
      const rows = await m.query<{ assignmentId: string }[]>(
        `SELECT DISTINCT assignment_id AS "assignmentId" FROM review_item WHERE campaign_id = $1 AND care_unit_id = $2`,
        [campaignId, place.careUnitId],
      );
      if (rows.length === 0) throw campaignNotFound();
      return this.rights.attestantsOf(
        place.careUnitId,
        rows.map((r) => r.assignmentId),
      );
    }
    const operationId = place.accessOperationId as string;
    if (!actor.rights.administrator && !actor.rights.headsOperation(operationId)) {
      throw forbidden('Bara verksamhetens chef eller en administratör kan byta granskare.');
    }
    const rows = await m.query<unknown[]>(
      `SELECT 1 FROM review_item WHERE campaign_id = $1 AND access_operation_id = $2 LIMIT 1`,
      [campaignId, operationId],
    );
    if (rows.length === 0) throw campaignNotFound();
    return this.rights.attestantsOfOperation(operationId);
  }

  /**
   * The reviewer's page: their items of the campaign, VMU items by unit, assignment and person,
   * then template items by verksamhet, template and person.
   */
  async reviewerPage(actor: Actor, campaignId: string): Promise<ReviewerPage> {
    const m = this.db.manager;
    const [campaign] = await m.query<CampaignRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS}, ${personNameSql('cb')} AS "createdByName"
         FROM review_campaign c ${leftJoinPerson('cb', 'c.created_by')} WHERE c.id = $1`,
      [campaignId],
    );
    if (!campaign) throw campaignNotFound();
    const items = await m.query<ReviewItem[]>(
      `SELECT ri.id, ${ITEM_KIND} AS kind, ri.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
              ri.assignment_id AS "assignmentId", ${assignmentNameSql('a')} AS "assignmentName",
              ri.access_operation_id AS "accessOperationId", ${catalogueNameSql('op')} AS "accessOperationName",
              ri.template_id AS "templateId", ${catalogueNameSql('t')} AS "templateName",
              ${catalogueNameSql('pr')} AS "professionName",
              ri.person_id AS "personId", ${personNameSql('p')} AS "personName",
              ${personUserIdSql('p')} AS "personUserId", ${personTitleSql('p')} AS title,
              ri.engagement_active AS "engagementActive", to_char(ri.held_from, 'YYYY-MM-DD') AS "heldFrom",
              to_char(ri.held_to, 'YYYY-MM-DD') AS "heldTo", ri.last_order_number AS "lastOrderNumber",
              ri.decision, ri.comment, ri.decided_at AS "decidedAt", ri.signed_at AS "signedAt",
              ri.revoke_order_number AS "revokeOrderNumber"
         FROM review_item ri
         ${ITEM_JOINS}
         ${joinPerson('p', 'ri.person_id')}
        WHERE ri.campaign_id = $1 AND ri.reviewer_id = $2
        ORDER BY ${ITEM_ORDER}, ${personNameOrderSql('p')}, ri.id`,
      [campaignId, actor.person.id],
    );
    if (items.length === 0 && !actor.rights.administrator && campaign.createdBy !== actor.person.id) {
      throw campaignNotFound();
    }
    const progress = progressOf(items);
    return { campaign: { ...campaign, progress }, progress, items };
  }

  /**
   * The campaign's report as CSV lines, one per item the reader may see (administrators, the
   * creator and auditors every unit and verksamhet; a head theirs), grouped by unit or verksamhet,
   * in batches of 5,000 by keyset, handed to `write` as they are read.
   */
  async exportReport(
    actor: Actor,
    id: string,
    write: (chunk: string) => void,
  ): Promise<{ fileName: string }> {
    const detail = await this.detailIn(this.db.manager, actor, id);
    const all = actor.rights.administrator || detail.createdBy === actor.person.id;
    write(
      BOM +
        csvLine([
          'Typ',
          'Vårdenhet / verksamhet',
          'Uppdrag / behörighetsmall',
          'Yrkeskategori',
          'Person',
          'VGR-ID',
          'Titel',
          'Engagemang',
          'Innehas sedan',
          'Senaste beställning',
          'Beslut',
          'Enligt granskningens regel',
          'Kommentar',
          'Granskare',
          'Signerat',
          'Avslutsbeställning',
        ]),
    );
    let after: { place: string; id: string } | null = null;
    for (;;) {
      const rows: ReportRow[] = await this.db.query<ReportRow[]>(
        `SELECT ri.id, ${PLACE_ID} AS "placeId", ${ITEM_KIND} AS kind, ${PLACE_NAME} AS unit,
                ${HOLDING_NAME} AS assignment, ${catalogueNameSql('pr')} AS profession,
                ${personNameSql('p')} AS person, ${personUserIdSql('p')} AS "userId", ${personTitleSql('p')} AS title,
                ri.engagement_active AS engaged, to_char(ri.held_from, 'YYYY-MM-DD') AS "heldFrom",
                ri.last_order_number AS "lastOrder", ri.decision, ri.closed_by_rule AS "byRule", ri.comment,
                ${personNameSql('rv')} AS reviewer, ri.signed_at AS "signedAt", ri.revoke_order_number AS "revokeOrder"
           FROM review_item ri
           ${ITEM_JOINS}
           ${joinPerson('p', 'ri.person_id')}
           ${leftJoinPerson('rv', 'ri.reviewer_id')}
          WHERE ri.campaign_id = $1
            AND ($2::boolean OR ${inPlacesSql('$3::uuid[]', '$7::uuid[]')} OR ri.reviewer_id = $4)
            AND ($5::uuid IS NULL OR (${PLACE_ID}, ri.id) > ($5::uuid, $6::uuid))
          ORDER BY ${PLACE_ID}, ri.id
          LIMIT 5000`,
        [
          id,
          all,
          actor.rights.headOf,
          actor.person.id,
          after?.place ?? null,
          after?.id ?? null,
          actor.rights.headOfOperations,
        ],
      );
      if (rows.length === 0) break;
      write(
        rows
          .map((r) =>
            csvLine([
              r.kind === 'VMU' ? 'Uppdrag' : 'Behörighetsmall',
              r.unit,
              r.assignment,
              r.profession,
              r.person,
              r.userId,
              r.title,
              r.engaged ? 'Aktivt' : 'Avslutat',
              r.heldFrom,
              r.lastOrder,
              r.decision === null
                ? 'Ej granskad'
                : r.signedAt === null && !r.byRule
                  ? 'Ej signerad'
                  : DECISION_LABELS[r.decision],
              r.byRule,
              r.comment,
              r.reviewer,
              r.signedAt,
              r.revokeOrder,
            ]),
          )
          .join(''),
      );
      const last = rows[rows.length - 1];
      after = { place: last.placeId, id: last.id };
      if (rows.length < 5000) break;
    }
    return { fileName: `granskning-${this.clock.today()}.csv` };
  }

  /**
   * Saves the reviewer's drafted decisions (Behåll / Ta bort with its comment, or null to undo):
   * only their own unsigned items of an active campaign, all or nothing. They have no effect
   * until signed.
   */
  async saveDecisions(actor: Actor, campaignId: string, dto: SaveDecisionsDto): Promise<ReviewProgress> {
    const lines = dto.decisions.map((d) => ({
      itemId: d.itemId.toLowerCase(),
      decision: d.decision,
      comment: d.comment?.trim() || null,
    }));
    const missing = lines.filter((l) => l.decision === 'REMOVE' && !l.comment).length;
    if (missing > 0) throw commentRequired(missing);
    return this.db.transaction(async (m) => {
      const status = await this.lockActive(m, campaignId);
      if (status !== 'ACTIVE') throw campaignNotActive(status);
      const found = await m.query<{ id: string; signed: boolean }[]>(
        `SELECT ri.id, ri.signed_at IS NOT NULL AS signed FROM review_item ri
          WHERE ri.campaign_id = $1 AND ri.reviewer_id = $2 AND ri.id = ANY($3::uuid[])
          ORDER BY ri.id FOR UPDATE`,
        [campaignId, actor.person.id, lines.map((l) => l.itemId)],
      );
      if (found.length !== lines.length) throw itemsNotYours();
      const signed = found.filter((f) => f.signed).length;
      if (signed > 0) throw itemsAlreadySigned(signed);
      await m.query(
        `UPDATE review_item ri
            SET decision = d.decision, comment = CASE WHEN d.decision IS NULL THEN NULL ELSE d.comment END,
                decided_at = CASE WHEN d.decision IS NULL THEN NULL ELSE $4::timestamptz END
           FROM unnest($1::uuid[], $2::varchar[], $3::text[]) AS d(id, decision, comment)
          WHERE ri.id = d.id`,
        [
          lines.map((l) => l.itemId),
          lines.map((l) => l.decision),
          lines.map((l) => l.comment),
          this.clock.now(),
        ],
      );
      const [progress] = await m.query<ReviewProgress[]>(
        `SELECT ${PROGRESS_COLUMNS} FROM review_item ri WHERE ri.campaign_id = $1 AND ri.reviewer_id = $2`,
        [campaignId, actor.person.id],
      );
      return progress;
    });
  }

  /** The campaign's status under a share lock (null: no such campaign, 404). */
  private async lockActive(m: EntityManager, campaignId: string): Promise<string> {
    const [row] = await m.query<{ status: string }[]>(
      `SELECT status FROM review_campaign WHERE id = $1 FOR SHARE`,
      [campaignId],
    );
    if (!row) throw campaignNotFound();
    return row.status;
  }
}

export function progressOf(items: readonly Pick<ReviewItem, 'decision' | 'signedAt'>[]): ReviewProgress {
  const signed = items.filter((i) => i.signedAt !== null);
  return {
    total: items.length,
    decided: items.filter((i) => i.decision !== null).length,
    signed: signed.length,
    kept: signed.filter((i) => i.decision === 'KEEP').length,
    removed: signed.filter((i) => i.decision === 'REMOVE').length,
  };
}

function withProgress(row: CampaignRow & ReviewProgress): ReviewCampaign {
  const { total, decided, signed, kept, removed, ...campaign } = row;
  return { ...campaign, progress: { total, decided, signed, kept, removed } };
}
