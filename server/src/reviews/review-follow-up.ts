import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { fullName, personContacts } from '../directory/directory.facts.js';
import { careUnitNameSql, leftJoinPerson, personNameSql } from '../directory/directory.reads.js';
import {
  escalationAdministrationNameSql,
  escalationHeadSql,
  leftJoinEscalationUnit,
} from '../directory/reviews.reads.js';
import { MailService } from '../mail/mail.service.js';
import { CarryOutService } from '../orders/carry-out.service.js';
import { OrderStateMachine } from '../orders/order-state.js';
import { placeReviewRevokes } from '../orders/review-revokes.js';
import { catalogueNameSql, leftJoinOperation } from '../access-catalogue/reviews.reads.js';
import { REMOVAL_COLUMNS, type RemovalRow, removalOf } from './item-sql.js';
import { recordRevokes } from './review-signing.js';
import { ReviewsService } from './reviews.service.js';

/** What one run of the follow-up did. */
export interface ReviewFollowUpReport {
  started: number;
  reminders: number;
  escalations: number;
  closed: number;
}

interface ClaimedCampaign {
  id: string;
  name: string;
  dueDate: string;
  revokeDate: string;
  undecidedRule: 'KEEP' | 'REVOKE';
  createdBy: string | null;
}

const CLAIM_COLUMNS = `c.id, c.name, to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
  to_char(c.revoke_date, 'YYYY-MM-DD') AS "revokeDate", c.undecided_rule AS "undecidedRule",
  c.created_by AS "createdBy"`;

/** The day at `share` tenths of the campaign's time (start to due), as SQL over `review_campaign c`. */
const dayAt = (tenths: number) => `(c.start_date + (c.due_date - c.start_date) * ${tenths} / 10)`;

/** How the escalation names the open items of no care unit (access templates' systems). */
export const NO_UNIT = 'Lokala och regionala system (ingen vårdenhet)';

/** The comment an item removed by the campaign's rule gets (and its revoke order). */
export const REVOKED_BY_RULE = 'Inte granskat i tid: tas bort enligt granskningens regel.';

/**
 * The campaigns' follow-up, run by the scheduler's tick with its clock (issue 17, point 3):
 * planned campaigns start on their day; reviewers with open items are reminded at 50 % and at
 * 90 % of the time, once each; at the due date the head of each administration (förvaltningschef)
 * gets one escalation listing its units with open items, and whoever created the campaign the rest; the day after the due date the campaign closes, its rule
 * applied to every item without a signed decision (kept, or removed by a revoke order the system
 * places for the reviewer), and a recurring campaign gets its successor. Each step claims its
 * campaigns `FOR UPDATE SKIP LOCKED` and records that it is done in the transaction that does it,
 * so any number of processes may run it and nothing is sent or done twice.
 */
@Injectable()
export class ReviewFollowUp {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reviews: ReviewsService,
    private readonly machine: OrderStateMachine,
    private readonly carryOut: CarryOutService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<ReviewFollowUpReport> {
    const report: ReviewFollowUpReport = { started: 0, reminders: 0, escalations: 0, closed: 0 };
    report.started = await this.each(`c.status = 'PLANNED' AND c.start_date <= $1::date`, async (m, c) => {
      await this.reviews.start(m, c.id);
    });
    // The late reminder first: a campaign past both marks (the scheduler was down) gets that one only.
    for (const [column, tenths, alsoSet] of [
      ['reminded_late_at', 9, ', reminded_half_at = coalesce(reminded_half_at, $2)'],
      ['reminded_half_at', 5, ''],
    ] as const) {
      await this.each(
        `c.status = 'ACTIVE' AND c.${column} IS NULL AND c.due_date >= $1::date AND ${dayAt(tenths)} <= $1::date`,
        async (m, c) => {
          report.reminders += await this.remind(m, c);
          await m.query(`UPDATE review_campaign SET ${column} = $2${alsoSet} WHERE id = $1`, [
            c.id,
            this.clock.now(),
          ]);
        },
      );
    }
    await this.each(
      `c.status = 'ACTIVE' AND c.escalated_at IS NULL AND c.due_date <= $1::date`,
      async (m, c) => {
        report.escalations += await this.escalate(m, c);
        await m.query(`UPDATE review_campaign SET escalated_at = $2 WHERE id = $1`, [c.id, this.clock.now()]);
      },
    );
    report.closed = await this.each(`c.status = 'ACTIVE' AND c.due_date < $1::date`, async (m, c) => {
      await this.close(m, c);
    });
    return report;
  }

  /** Claims the campaigns matching `where` one at a time, each in its own transaction. */
  private async each(
    where: string,
    work: (m: EntityManager, campaign: ClaimedCampaign) => Promise<void>,
  ): Promise<number> {
    let done = 0;
    for (;;) {
      const claimed = await this.db.transaction(async (m) => {
        const [campaign] = await m.query<ClaimedCampaign[]>(
          `SELECT ${CLAIM_COLUMNS} FROM review_campaign c WHERE ${where}
            ORDER BY c.start_date, c.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [this.clock.today()],
        );
        if (!campaign) return false;
        await work(m, campaign);
        return true;
      });
      if (!claimed) return done;
      done += 1;
    }
  }

  /** Mails every reviewer with items open; answers how many. */
  private async remind(m: EntityManager, c: ClaimedCampaign): Promise<number> {
    const open = await m.query<{ reviewerId: string; open: number; total: number }[]>(
      `SELECT reviewer_id AS "reviewerId", count(*) FILTER (WHERE signed_at IS NULL)::int AS open,
              count(*)::int AS total
         FROM review_item WHERE campaign_id = $1 AND reviewer_id IS NOT NULL
        GROUP BY reviewer_id HAVING count(*) FILTER (WHERE signed_at IS NULL) > 0`,
      [c.id],
    );
    const contacts = await personContacts(
      m,
      open.map((o) => o.reviewerId),
    );
    const byId = new Map(contacts.map((p) => [p.id, p]));
    const mails = open.flatMap((o) => {
      const contact = byId.get(o.reviewerId);
      if (!contact?.email) return [];
      return [
        {
          to: contact.email,
          template: 'REVIEW_REMINDER' as const,
          data: {
            campaignId: c.id,
            recipientName: fullName(contact),
            campaignName: c.name,
            open: o.open,
            total: o.total,
            dueDate: c.dueDate,
            undecidedRule: c.undecidedRule,
          },
        },
      ];
    });
    await this.mail.enqueueMany(m, mails);
    return mails.length;
  }

  /**
   * At the due date, the units with open items to whom they answer to (rule 40): each unit's to the
   * head of its administration (förvaltningschef), the rest — an administration with no head, or a
   * head without an e-mail address, and items of no unit (access templates) — to whoever created
   * the campaign. One mail per person: a head of several administrations, or a head who also
   * created the campaign, gets one. One audit event names who was told of what. Answers how many
   * mails.
   */
  private async escalate(m: EntityManager, c: ClaimedCampaign): Promise<number> {
    // A unit's name, or a verksamhet's for its template items (which no unit or administration holds).
    const placeName = `coalesce(${careUnitNameSql('cu')}, 'Verksamhet ' || ${catalogueNameSql('op')} || ' (behörighetsmallar)')`;
    const rows = await m.query<
      {
        headId: string | null;
        administrationName: string | null;
        careUnitName: string | null;
        reviewerName: string | null;
        open: number;
      }[]
    >(
      `SELECT ${escalationHeadSql('cu')} AS "headId", ${escalationAdministrationNameSql('cu')} AS "administrationName",
              ${placeName} AS "careUnitName",
              min(${personNameSql('rv')}) AS "reviewerName", count(*)::int AS open
         FROM review_item ri
         ${leftJoinEscalationUnit('cu', 'ri.care_unit_id')}
         ${leftJoinOperation('op', 'ri.access_operation_id')}
         ${leftJoinPerson('rv', 'ri.reviewer_id')}
        WHERE ri.campaign_id = $1 AND ri.signed_at IS NULL
        GROUP BY ri.care_unit_id, ri.access_operation_id, 1, 2, 3
        ORDER BY ri.care_unit_id IS NULL, ${placeName} COLLATE beh_sv NULLS LAST`,
      [c.id],
    );
    if (rows.length === 0) return 0;
    const heads = [...new Set(rows.flatMap((r) => (r.headId ? [r.headId] : [])))];
    const contacts = new Map(
      (await personContacts(m, c.createdBy ? [...heads, c.createdBy] : heads)).map((p) => [p.id, p]),
    );
    // Who gets each unit: its administration's head when they can be mailed, else the creator.
    const byRecipient = new Map<string, { headOf: Set<string>; asCreator: boolean; units: typeof rows }>();
    const unreached: typeof rows = [];
    for (const row of rows) {
      const head = row.headId && contacts.get(row.headId)?.email ? row.headId : null;
      const to = head ?? (c.createdBy && contacts.get(c.createdBy)?.email ? c.createdBy : null);
      if (!to) {
        unreached.push(row);
        continue;
      }
      const entry = byRecipient.get(to) ?? { headOf: new Set<string>(), asCreator: false, units: [] };
      if (head) entry.headOf.add(row.administrationName as string);
      else entry.asCreator = true;
      entry.units.push(row);
      byRecipient.set(to, entry);
    }
    const recipients = [...byRecipient].map(([personId, r]) => ({
      personId,
      ...r,
      contact: contacts.get(personId)!,
    }));
    await this.mail.enqueueMany(
      m,
      recipients.map((r) => ({
        to: r.contact.email as string,
        template: 'REVIEW_ESCALATION' as const,
        data: {
          campaignId: c.id,
          recipientName: fullName(r.contact),
          campaignName: c.name,
          dueDate: c.dueDate,
          undecidedRule: c.undecidedRule,
          headOf: [...r.headOf],
          asCreator: r.asCreator,
          units: r.units.map((u) => ({
            careUnitName: u.careUnitName ?? NO_UNIT,
            reviewerName: u.reviewerName,
            open: u.open,
          })),
        },
      })),
    );
    await this.audit.append(m, {
      actorId: null,
      action: 'REVIEW_CAMPAIGN_ESCALATED',
      entityType: 'review_campaign',
      entityId: c.id,
      after: {
        open: rows.reduce((sum, r) => sum + r.open, 0),
        escalatedTo: recipients.map((r) => ({
          personId: r.personId,
          as: [...(r.headOf.size > 0 ? ['ADMINISTRATION_HEAD'] : []), ...(r.asCreator ? ['CREATOR'] : [])],
          administrations: [...r.headOf],
          units: r.units.map((u) => u.careUnitName ?? NO_UNIT),
          open: r.units.reduce((sum, u) => sum + u.open, 0),
        })),
        notEscalated: unreached.map((u) => ({ unit: u.careUnitName ?? NO_UNIT, open: u.open })),
      },
    });
    return recipients.length;
  }

  /**
   * Closes the campaign: every item without a signed decision gets the rule (drafts included: they
   * were never signed), removals become revoke orders the system places for the reviewer (the
   * creator where a unit had none), and a recurring campaign gets its successor, planned.
   */
  private async close(m: EntityManager, c: ClaimedCampaign): Promise<void> {
    const today = this.clock.today();
    const now = this.clock.now();
    const decision = c.undecidedRule === 'KEEP' ? 'KEEP' : 'REMOVE';
    const ruled = await m.query<({ id: string; reviewerId: string | null } & RemovalRow)[]>(
      `UPDATE review_item ri
          SET decision = $2::varchar, comment = CASE WHEN $2::varchar = 'REMOVE' THEN $3 ELSE NULL END,
              decided_at = $4, closed_by_rule = true
        WHERE ri.campaign_id = $1 AND ri.signed_at IS NULL
        RETURNING ri.id, ri.reviewer_id AS "reviewerId", ${REMOVAL_COLUMNS}`,
      [c.id, decision, REVOKED_BY_RULE, now],
    );
    const items = (ruled as unknown as [typeof ruled, number])[0];
    let placed: string[] = [];
    if (decision === 'REMOVE') {
      const removals = items
        .map((i) => ({ ...i, reviewerId: i.reviewerId ?? c.createdBy }))
        .filter((i): i is typeof i & { reviewerId: string } => i.reviewerId !== null)
        .map((i) => removalOf(i, { itemId: i.id, reviewerId: i.reviewerId, comment: REVOKED_BY_RULE }));
      const revokes = await placeReviewRevokes(m, this.machine, this.carryOut, {
        actorId: null,
        signRequestId: null,
        revokeDate: c.revokeDate < today ? today : c.revokeDate,
        today,
        campaignName: c.name,
        removals,
      });
      const orders = await recordRevokes(m, revokes);
      placed = [...new Set(orders.map((r) => r.orderNumber as string))];
    }
    const [next] = await m.query<{ id: string }[]>(
      `INSERT INTO review_campaign (name, scope_kind, administration_id, care_unit_ids, reviewer_rule, start_date,
                                    due_date, revoke_date, undecided_rule, recurrence_months, created_by,
                                    created_at, content, access_operation_ids)
       SELECT c.name, c.scope_kind, c.administration_id, c.care_unit_ids, c.reviewer_rule,
              (c.start_date + make_interval(months => c.recurrence_months))::date,
              (c.due_date + make_interval(months => c.recurrence_months))::date,
              (c.revoke_date + make_interval(months => c.recurrence_months))::date,
              c.undecided_rule, c.recurrence_months, c.created_by, $2, c.content, c.access_operation_ids
         FROM review_campaign c WHERE c.id = $1 AND c.recurrence_months IS NOT NULL
       RETURNING id`,
      [c.id, now],
    );
    await m.query(
      `UPDATE review_campaign SET status = 'CLOSED', closed_at = $2, next_campaign_id = $3 WHERE id = $1`,
      [c.id, now, next?.id ?? null],
    );
    await this.audit.append(m, {
      actorId: null,
      action: 'REVIEW_CAMPAIGN_CLOSED',
      entityType: 'review_campaign',
      entityId: c.id,
      after: {
        rule: c.undecidedRule,
        decidedByRule: items.length,
        revokeOrders: placed,
        nextCampaignId: next?.id ?? null,
      },
    });
  }
}
