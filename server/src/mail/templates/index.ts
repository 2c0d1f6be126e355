import { type AuditAnchorMailData, auditMails } from './audit-mails.js';
import { type BatchMailData, batchMails } from './batch-mails.js';
import { type DelegationExpiringData, type DelegationMailData, delegationMails } from './delegation-mails.js';
import {
  type AccessPartMailData,
  type AccessPartRefusedData,
  type AccessPartReminderData,
  fulfilmentMails,
} from './fulfilment-mails.js';
import { type LeaversSummaryData, leaversMails } from './leavers-mails.js';
import {
  type ReviewEscalationData,
  type ReviewReminderData,
  type ReviewStartedData,
  reviewFollowUpMails,
  reviewMails,
} from './review-mails.js';
import { type MailContent, type RenderedMail, renderMail } from './mail-layout.js';
import { type StandInMailData, standInMails } from './stand-in-mails.js';
import {
  type AttestantChangedData,
  type AttestEscalationData,
  type AttestReminderData,
  type GrantEndedData,
  type OrderDecisionData,
  type OrderMailData,
  type OrderRejectedData,
  orderMails,
} from './order-mails.js';

export type {
  AccessPartMailData,
  AccessPartRefusedData,
  AccessPartReminderData,
  AttestantChangedData,
  AuditAnchorMailData,
  AttestEscalationData,
  AttestReminderData,
  BatchMailData,
  DelegationExpiringData,
  DelegationMailData,
  GrantEndedData,
  LeaversSummaryData,
  OrderDecisionData,
  OrderMailData,
  OrderRejectedData,
  RenderedMail,
  ReviewEscalationData,
  ReviewReminderData,
  ReviewStartedData,
  StandInMailData,
};

/** Which data each template needs: enqueue() is type-checked against this. */
export interface MailTemplateData {
  ORDER_AWAITING_ATTEST: OrderMailData;
  ATTESTANT_CHANGED: AttestantChangedData;
  ATTEST_REMINDER: AttestReminderData;
  ATTEST_ESCALATION: AttestEscalationData;
  ORDER_APPROVED: OrderDecisionData;
  ORDER_REJECTED: OrderRejectedData;
  ORDER_COMPLETED: OrderMailData;
  ORDER_CANCELLED: OrderMailData;
  TIME_LIMITED_GRANT_ENDED: GrantEndedData;
  DELEGATION_GRANTED: DelegationMailData;
  DELEGATION_REVOKED: DelegationMailData;
  DELEGATION_EXPIRING: DelegationExpiringData;
  BATCH_AWAITING_ATTEST: BatchMailData;
  AUDIT_ANCHOR: AuditAnchorMailData;
  ACCESS_PART_WAITING: AccessPartMailData;
  ACCESS_PART_REMINDER: AccessPartReminderData;
  ACCESS_PART_REFUSED: AccessPartRefusedData;
  LEAVERS_SUMMARY: LeaversSummaryData;
  REVIEW_STARTED: ReviewStartedData;
  REVIEW_REMINDER: ReviewReminderData;
  REVIEW_ESCALATION: ReviewEscalationData;
  STAND_IN_NAMED: StandInMailData;
  STAND_IN_ENDED: StandInMailData;
}

export type MailTemplate = keyof MailTemplateData;

type Composers = { [T in MailTemplate]: (data: MailTemplateData[T], publicUrl: string) => MailContent };

const COMPOSERS: Composers = {
  ...orderMails,
  ...delegationMails,
  ...batchMails,
  ...auditMails,
  ...fulfilmentMails,
  ...leaversMails,
  ...reviewMails,
  ...reviewFollowUpMails,
  ...standInMails,
};

export const MAIL_TEMPLATES = Object.keys(COMPOSERS) as MailTemplate[];

export function renderTemplate<T extends MailTemplate>(
  template: T,
  data: MailTemplateData[T],
  publicUrl: string,
): RenderedMail {
  const compose = COMPOSERS[template] as (data: MailTemplateData[T], publicUrl: string) => MailContent;
  return renderMail(compose(data, publicUrl));
}

/** The entity a mail is about, derived from its data, so the outbox can be filtered per order. */
export function relatedEntity(data: MailTemplateData[MailTemplate]): { type: string; id: string } {
  if ('orderId' in data) return { type: 'order', id: data.orderId };
  if ('batchId' in data) return { type: 'mass_order_batch', id: data.batchId };
  if ('anchorId' in data) return { type: 'audit_anchor', id: data.anchorId };
  if ('headId' in data) return { type: 'leavers_summary', id: data.headId };
  if ('campaignId' in data) return { type: 'review_campaign', id: data.campaignId };
  if ('standInRowId' in data) return { type: 'stand_in', id: data.standInRowId };
  return { type: 'delegation', id: data.delegationId };
}
