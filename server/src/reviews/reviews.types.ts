import { Prop } from '../common/api-schema.js';
import { REVIEW_DECISIONS, type ReviewDecision } from './dto/decisions.dto.js';
import {
  REVIEW_CONTENTS,
  type ReviewContent,
  SCOPE_KINDS,
  type ScopeKind,
  UNDECIDED_RULES,
  type UndecidedRule,
} from './dto/create-campaign.dto.js';

/*
 * The answers of the reviews API are classes only so that their property decorators describe
 * them in the OpenAPI description (common/api-schema.ts); they are never instantiated.
 */

export const CAMPAIGN_STATUSES = ['PLANNED', 'ACTIVE', 'CLOSED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const ITEM_KINDS = ['VMU', 'ACCESS'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** How far a set of items has come: decided counts drafts and signed decisions alike. */
export class ReviewProgress {
  @Prop.int() total!: number;
  /** Items with a decision (signed or not). */
  @Prop.int() decided!: number;
  /** Items whose decision is signed: only these have effect. */
  @Prop.int() signed!: number;
  @Prop.int() kept!: number;
  @Prop.int() removed!: number;
}

/** A campaign as lists and its page show it. */
export class ReviewCampaign {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  /** VMU assignments, templates of local and regional systems, or both. */
  @Prop.oneOf(REVIEW_CONTENTS, 'ReviewContent') content!: ReviewContent;
  @Prop.oneOf(SCOPE_KINDS, 'ReviewScopeKind') scopeKind!: ScopeKind;
  @Prop.id({ nullable: true }) administrationId!: string | null;
  @Prop.idList() careUnitIds!: string[];
  /** The verksamheter chosen (scope UNITS, content ACCESS or BOTH). */
  @Prop.idList() accessOperationIds!: string[];
  @Prop.date() startDate!: string;
  @Prop.date() dueDate!: string;
  @Prop.date() revokeDate!: string;
  @Prop.oneOf(UNDECIDED_RULES, 'ReviewUndecidedRule') undecidedRule!: UndecidedRule;
  @Prop.int({ nullable: true }) recurrenceMonths!: number | null;
  @Prop.oneOf(CAMPAIGN_STATUSES, 'ReviewCampaignStatus') status!: CampaignStatus;
  @Prop.id({ nullable: true }) createdBy!: string | null;
  @Prop.text({ nullable: true }) createdByName!: string | null;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime({ nullable: true }) startedAt!: Date | null;
  @Prop.dateTime({ nullable: true }) closedAt!: Date | null;
  /** Every item of the campaign (all reviewers). */
  @Prop.object(() => ReviewProgress) progress!: ReviewProgress;
}

/** One unit's (VMU items) or verksamhet's (template items) line of the campaign's report. */
export class ReviewUnitReport {
  @Prop.oneOf(ITEM_KINDS, 'ReviewItemKind') kind!: ItemKind;
  /** The care unit (VMU items); null for a verksamhet's line. */
  @Prop.id({ nullable: true }) careUnitId!: string | null;
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  /** The verksamhet (template items); null for a care unit's line. */
  @Prop.id({ nullable: true }) accessOperationId!: string | null;
  @Prop.text({ nullable: true }) accessOperationName!: string | null;
  @Prop.id({ nullable: true }) reviewerId!: string | null;
  @Prop.text({ nullable: true }) reviewerName!: string | null;
  @Prop.int() items!: number;
  @Prop.int() kept!: number;
  @Prop.int() removed!: number;
  /** No signed decision (drafts included). */
  @Prop.int() undecided!: number;
  /** When the unit's last decision was signed. */
  @Prop.dateTime({ nullable: true }) lastSignedAt!: Date | null;
}

/** A campaign with its report per unit (the units the reader may see). */
export class ReviewCampaignDetail extends ReviewCampaign {
  @Prop.list(() => ReviewUnitReport) units!: ReviewUnitReport[];
}

/**
 * One holding on the reviewer's page: a VMU assignment at a care unit (kind VMU), or a template
 * of a local or regional system at a verksamhet, held for a profession (kind ACCESS).
 */
export class ReviewItem {
  @Prop.id() id!: string;
  @Prop.oneOf(ITEM_KINDS, 'ReviewItemKind') kind!: ItemKind;
  @Prop.id({ nullable: true }) careUnitId!: string | null;
  @Prop.text({ nullable: true }) careUnitName!: string | null;
  @Prop.id({ nullable: true }) assignmentId!: string | null;
  @Prop.text({ nullable: true }) assignmentName!: string | null;
  @Prop.id({ nullable: true }) accessOperationId!: string | null;
  @Prop.text({ nullable: true }) accessOperationName!: string | null;
  @Prop.id({ nullable: true }) templateId!: string | null;
  @Prop.text({ nullable: true }) templateName!: string | null;
  @Prop.text({ nullable: true }) professionName!: string | null;
  @Prop.id() personId!: string;
  @Prop.text() personName!: string;
  @Prop.text() personUserId!: string;
  @Prop.text({ nullable: true }) title!: string | null;
  /**
   * The person had an engagement at the unit (a template: anywhere) when the campaign started;
   * false is flagged.
   */
  @Prop.bool() engagementActive!: boolean;
  @Prop.date() heldFrom!: string;
  @Prop.date({ nullable: true }) heldTo!: string | null;
  /** The order that last granted it in BEH; null for a holding from before BEH. */
  @Prop.text({ nullable: true }) lastOrderNumber!: string | null;
  @Prop.oneOf(REVIEW_DECISIONS, 'ReviewDecision', { nullable: true }) decision!: ReviewDecision | null;
  @Prop.text({ nullable: true }) comment!: string | null;
  @Prop.dateTime({ nullable: true }) decidedAt!: Date | null;
  @Prop.dateTime({ nullable: true }) signedAt!: Date | null;
  /** The revoke order a signed Ta bort became. */
  @Prop.text({ nullable: true }) revokeOrderNumber!: string | null;
}

/** The reviewer's page: their items of one campaign and how far they have come. */
export class ReviewerPage {
  @Prop.object(() => ReviewCampaign) campaign!: ReviewCampaign;
  @Prop.object(() => ReviewProgress) progress!: ReviewProgress;
  @Prop.list(() => ReviewItem) items!: ReviewItem[];
}

/** The answer to a sign request of a reviewer's decisions: where to sign. */
export class ReviewSignRequestAnswer {
  @Prop.id() requestId!: string;
  @Prop.text() signingUrl!: string;
  @Prop.text() document!: string;
  @Prop.text() digest!: string;
  @Prop.dateTime() expiresAt!: Date;
  @Prop.int() decisions!: number;
}

/** Who may review a unit's (verksamhet's) items: its head or an ATTEST delegate covering them. */
export class ReviewerCandidate {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() userId!: string;
  @Prop.text({ nullable: true }) title!: string | null;
}
