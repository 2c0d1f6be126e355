import { type DelegationMailData, delegationMails } from './delegation-mails.js';
import { type MailContent, type RenderedMail, renderMail } from './mail-layout.js';
import {
  type AttestantChangedData,
  type AttestReminderData,
  type OrderDecisionData,
  type OrderMailData,
  type OrderRejectedData,
  orderMails,
} from './order-mails.js';

export type {
  AttestantChangedData,
  AttestReminderData,
  DelegationMailData,
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
  ORDER_APPROVED: OrderDecisionData;
  ORDER_REJECTED: OrderRejectedData;
  ORDER_COMPLETED: OrderMailData;
  ORDER_CANCELLED: OrderMailData;
  DELEGATION_GRANTED: DelegationMailData;
  DELEGATION_REVOKED: DelegationMailData;
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
