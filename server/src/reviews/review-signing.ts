import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { oneLine, stockholmDateTime } from '../attest/attest-document.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { fullName } from '../directory/directory.facts.js';
import { catalogueNameSql } from '../access-catalogue/reviews.reads.js';
import {
  joinPerson,
  personNameOrderSql,
  personNameSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import { CarryOutService } from '../orders/carry-out.service.js';
import { OrderStateMachine } from '../orders/order-state.js';
import { placeReviewRevokes } from '../orders/review-revokes.js';
import { SigningService } from '../signing/signing.service.js';
import type { JsonObject, SignRequestRecord, VerifiedSignature } from '../signing/signing.types.js';
import type { ReviewDecision } from './dto/decisions.dto.js';
import { campaignNotActive, campaignNotFound, nothingToSign, reviewChanged } from './reviews.errors.js';
import type { ReviewSignRequestAnswer } from './reviews.types.js';
import { type ReviewRevoke } from '../orders/review-revokes.js';
import {
  HOLDING_NAME,
  ITEM_JOINS,
  ITEM_KIND,
  ITEM_ORDER,
  PLACE_NAME,
  REMOVAL_COLUMNS,
  type RemovalRow,
  removalOf,
} from './item-sql.js';

/** The kind of sign request whose completion makes a reviewer's decisions take effect. */
export const REVIEW_KIND = 'REVIEW';

/** What is signed of one item, and checked again when the signature comes back. */
interface SignedLine {
  id: string;
  decision: ReviewDecision;
  comment: string | null;
}

interface ReviewPayload {
  campaignId: string;
  lines: SignedLine[];
}

interface DocumentLine extends SignedLine {
  kind: 'VMU' | 'ACCESS';
  /** The care unit's or the verksamhet's name. */
  placeName: string;
  /** The assignment's or the template's name. */
  holdingName: string;
  /** A template's profession. */
  professionName: string | null;
  personName: string;
  personUserId: string;
}

/**
 * Signing a reviewer's decisions: one signature for every drafted, unsigned decision of theirs in
 * the campaign, through the same signing window and verification as attest. The decisions take
 * effect only in the completion, inside the signing transaction: each Ta bort becomes a revoke
 * order placed by the system for the reviewer, approved by this signature.
 */
@Injectable()
export class ReviewSigning {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signing: SigningService,
    private readonly machine: OrderStateMachine,
    private readonly carryOut: CarryOutService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async createRequest(actor: Actor, campaignId: string): Promise<ReviewSignRequestAnswer> {
    return this.db.transaction(async (m) => {
      const campaign = await this.campaign(m, campaignId, false);
      const lines = await this.unsignedLines(m, campaignId, actor.person.id);
      if (lines.length === 0 && !(await this.reviews(m, campaignId, actor.person.id))) {
        // Not a reviewer of this campaign: as if there were none (its reviewers' pages are theirs).
        throw campaignNotFound();
      }
      if (lines.length === 0) {
        if (campaign.status !== 'ACTIVE') throw campaignNotActive(campaign.status);
        throw nothingToSign();
      }
      if (campaign.status !== 'ACTIVE') throw campaignNotActive(campaign.status);
      const person = actor.person;
      const document = reviewDocument({
        campaignName: campaign.name,
        revokeDate: campaign.revokeDate,
        reviewer: { name: fullName(person), userId: person.userId, hsaId: person.hsaId },
        at: this.clock.now(),
        lines,
      });
      const payload: ReviewPayload = {
        campaignId,
        lines: lines.map((l) => ({ id: l.id, decision: l.decision, comment: l.comment })),
      };
      const created = await this.signing.createRequest(m, {
        signerId: person.id,
        kind: REVIEW_KIND,
        purpose: `Granskning av behörigheter: ${campaign.name} (${lines.length} beslut)`,
        document,
        payload: payload as unknown as JsonObject,
      });
      await this.audit.append(m, {
        actorId: person.id,
        action: 'REVIEW_SIGN_REQUESTED',
        entityType: 'sign_request',
        entityId: created.id,
        after: {
          campaignId,
          decisions: lines.length,
          removed: lines.filter((l) => l.decision === 'REMOVE').length,
          digest: created.digest,
        },
      });
      return {
        requestId: created.id,
        signingUrl: created.signingUrl,
        document,
        digest: created.digest,
        expiresAt: created.expiresAt,
        decisions: lines.length,
      };
    });
  }

  /**
   * The REVIEW completion, in the signing transaction after the signature is verified and stored:
   * the items must still be the signer's, unsigned and decided exactly as signed, in an active
   * campaign; then they are signed, and the removals placed as approved revoke orders dated the
   * campaign's revoke date (carried out at once if that day has come).
   */
  readonly complete = async (
    m: EntityManager,
    request: SignRequestRecord,
    _signature: VerifiedSignature,
  ): Promise<void> => {
    const payload = request.payload as unknown as ReviewPayload;
    const campaign = await this.campaign(m, payload.campaignId, true);
    if (campaign.status !== 'ACTIVE') throw campaignNotActive(campaign.status);
    const ids = payload.lines.map((l) => l.id);
    const now = await m.query<
      ({
        id: string;
        reviewerId: string;
        decision: string | null;
        comment: string | null;
        signed: boolean;
      } & RemovalRow)[]
    >(
      `SELECT ri.id, ri.reviewer_id AS "reviewerId", ri.decision, ri.comment, ri.signed_at IS NOT NULL AS signed,
              ${REMOVAL_COLUMNS}
         FROM review_item ri WHERE ri.campaign_id = $1 AND ri.id = ANY($2::uuid[]) ORDER BY ri.id FOR UPDATE`,
      [payload.campaignId, ids],
    );
    const byId = new Map(now.map((row) => [row.id, row]));
    const unchanged = payload.lines.every((line) => {
      const row = byId.get(line.id);
      return (
        row !== undefined &&
        row.reviewerId === request.signerId &&
        !row.signed &&
        row.decision === line.decision &&
        row.comment === line.comment
      );
    });
    if (!unchanged || now.length !== payload.lines.length) throw reviewChanged();
    const at = this.clock.now();
    await m.query(`UPDATE review_item SET signed_at = $2, sign_request_id = $3 WHERE id = ANY($1::uuid[])`, [
      ids,
      at,
      request.id,
    ]);
    const removals = payload.lines
      .filter((l) => l.decision === 'REMOVE')
      .map((l) =>
        removalOf(byId.get(l.id) as RemovalRow, {
          itemId: l.id,
          reviewerId: request.signerId,
          comment: l.comment ?? '',
        }),
      );
    const revokes = await placeReviewRevokes(m, this.machine, this.carryOut, {
      actorId: request.signerId,
      signRequestId: request.id,
      revokeDate: campaign.revokeDate < this.clock.today() ? this.clock.today() : campaign.revokeDate,
      today: this.clock.today(),
      campaignName: campaign.name,
      removals,
    });
    const placed = await recordRevokes(m, revokes);
    await this.audit.append(m, {
      actorId: request.signerId,
      action: 'REVIEW_SIGNED',
      entityType: 'review_campaign',
      entityId: payload.campaignId,
      after: {
        signRequestId: request.id,
        kept: payload.lines.length - removals.length,
        removed: removals.length,
        revokeOrders: [...new Set(placed.map((r) => r.orderNumber))],
        notPlaced: revokes
          .filter((r) => r.orderId === null)
          .map((r) => ({ itemId: r.itemId, why: r.outcome })),
      },
    });
  };

  private async campaign(m: EntityManager, id: string, lock: boolean) {
    const [row] = await m.query<{ name: string; status: string; revokeDate: string }[]>(
      `SELECT name, status, to_char(revoke_date, 'YYYY-MM-DD') AS "revokeDate"
         FROM review_campaign WHERE id = $1 ${lock ? 'FOR SHARE' : ''}`,
      [id],
    );
    if (!row) throw campaignNotFound();
    return row;
  }

  /** Whether the person reviews any item of the campaign. */
  private async reviews(m: EntityManager, campaignId: string, reviewerId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `SELECT 1 FROM review_item ri WHERE ri.campaign_id = $1 AND ri.reviewer_id = $2 LIMIT 1`,
      [campaignId, reviewerId],
    );
    return rows.length > 0;
  }

  private unsignedLines(m: EntityManager, campaignId: string, reviewerId: string): Promise<DocumentLine[]> {
    return m.query<DocumentLine[]>(
      `SELECT ri.id, ri.decision, ri.comment, ${ITEM_KIND} AS kind, ${PLACE_NAME} AS "placeName",
              ${HOLDING_NAME} AS "holdingName", ${catalogueNameSql('pr')} AS "professionName",
              ${personNameSql('p')} AS "personName", ${personUserIdSql('p')} AS "personUserId"
         FROM review_item ri
         ${ITEM_JOINS}
         ${joinPerson('p', 'ri.person_id')}
        WHERE ri.campaign_id = $1 AND ri.reviewer_id = $2 AND ri.decision IS NOT NULL AND ri.signed_at IS NULL
        ORDER BY ${ITEM_ORDER}, ${personNameOrderSql('p')}, ri.id`,
      [campaignId, reviewerId],
    );
  }
}

/**
 * The signed text of a reviewer's decisions: what they decided, per care unit and verksamhet, in
 * words, then the ids.
 */
export function reviewDocument(input: {
  campaignName: string;
  revokeDate: string;
  reviewer: { name: string; userId: string; hsaId: string };
  at: Date;
  lines: readonly DocumentLine[];
}): string {
  const removed = input.lines.filter((l) => l.decision === 'REMOVE').length;
  const out = [
    `Granskning av behörigheter: ${oneLine(input.campaignName)}`,
    `Granskare: ${input.reviewer.name} (${input.reviewer.userId}), HSA-id ${input.reviewer.hsaId}`,
    `Tidpunkt: ${stockholmDateTime(input.at)}`,
    `Beslut: ${input.lines.length} (Behåll ${input.lines.length - removed}, Ta bort ${removed})`,
  ];
  let place = '';
  for (const line of input.lines) {
    const heading = `${line.kind === 'VMU' ? 'Vårdenhet' : 'Verksamhet'}: ${line.placeName}`;
    if (heading !== place) {
      place = heading;
      out.push('', heading);
    }
    const holding =
      line.kind === 'VMU'
        ? line.holdingName
        : `behörighetsmall ${line.holdingName} (${line.professionName ?? ''})`;
    const what = `${line.personName} (${line.personUserId}) – ${holding}`;
    out.push(
      line.decision === 'KEEP'
        ? `Behåll: ${what}`
        : `Ta bort: ${what}. Kommentar: ${oneLine(line.comment ?? '')}`,
    );
  }
  if (removed > 0) {
    out.push(
      '',
      input.lines.some((l) => l.kind === 'ACCESS' && l.decision === 'REMOVE')
        ? `Det som tas bort avslutas den ${input.revokeDate}; behörighetsmallarna lämnas då över till sina system.`
        : `Uppdrag som tas bort avslutas den ${input.revokeDate}.`,
    );
  }
  out.push('', 'Radernas id (för maskinell kontroll):', ...input.lines.map((l) => `${l.id} ${l.decision}`));
  return out.join('\n');
}

/**
 * Records on each item the revoke order its removal became (a signature's or a closing rule's),
 * and answers the removals that got one.
 */
export async function recordRevokes(
  m: EntityManager,
  revokes: readonly ReviewRevoke[],
): Promise<ReviewRevoke[]> {
  const placed = revokes.filter((r) => r.orderId !== null);
  if (placed.length > 0) {
    await m.query(
      `UPDATE review_item ri SET revoke_order_id = r.order_id, revoke_order_number = r.order_number
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[]) AS r(item_id, order_id, order_number)
        WHERE ri.id = r.item_id`,
      [placed.map((r) => r.itemId), placed.map((r) => r.orderId), placed.map((r) => r.orderNumber)],
    );
  }
  return placed;
}
