import { type DelegationExpiringData, type DelegationMailData, delegationMails } from './delegation-mails.js';
import { type MailContent, type RenderedMail, renderMail } from './mail-layout.js';
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
  AttestantChangedData,
  AttestEscalationData,
  AttestReminderData,
  DelegationExpiringData,
  DelegationMailData,
  GrantEndedData,
  OrderDecisionData,
  OrderMailData,
  OrderRejectedData,
  RenderedMail,
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
}

export type MailTemplate = keyof MailTemplateData;

type Composers = { [T in MailTemplate]: (data: MailTemplateData[T], publicUrl: string) => MailContent };

const COMPOSERS: Composers = { ...orderMails, ...delegationMails };

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
  return 'orderId' in data
    ? { type: 'order', id: data.orderId }
    : { type: 'delegation', id: data.delegationId };
}
