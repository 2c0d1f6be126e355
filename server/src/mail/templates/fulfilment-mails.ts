import { type MailContent } from './mail-layout.js';
import { mailLinks } from './mail-links.js';

/**
 * One system's part of an access order (issue 14, carrying out): to the system's administrators
 * when it waits for them and when it has waited too long, and to the orderer when it is refused.
 * Återkopplingsinfo is never in a mail: it is read in the portal by the orderer alone.
 */
export interface AccessPartMailData {
  orderId: string;
  orderNumber: string;
  partId: string;
  recipientName?: string;
  systemName: string;
  /** "Förnamn Efternamn (vgr-id)". */
  endUserName: string;
  /** "Behörighetsmall X (Yrkeskategori Y)". */
  templateLine: string;
  grantRoles: string[];
  revokeRoles: string[];
  /** YYYY-MM-DD. */
  startDate: string;
  urgent: boolean;
  /** Set when a SCIM part gave up and became a work item: how often it was tried, and its last error. */
  scimFailure?: { attempts: number; lastError: string };
}

export interface AccessPartReminderData extends AccessPartMailData {
  /** YYYY-MM-DD HH:MM (Stockholm) the part was made. */
  waitingSince: string;
}

export interface AccessPartRefusedData extends AccessPartMailData {
  reason: string;
}

/** The work item in the fulfilment queue ("Att utföra"). */
const workItemLink = (publicUrl: string, partId: string) =>
  `${publicUrl}/#/fulfilment/${encodeURIComponent(partId)}/show`;

function partFacts(d: AccessPartMailData): [string, string][] {
  const facts: [string, string][] = [
    ['Ordernummer', d.orderNumber],
    ['System', d.systemName],
    ['Slutanvändare', d.endUserName],
    ['Behörighet', d.templateLine],
  ];
  if (d.grantRoles.length > 0) facts.push(['Roller att lägga upp', d.grantRoles.join(', ')]);
  if (d.revokeRoles.length > 0) facts.push(['Roller att ta bort', d.revokeRoles.join(', ')]);
  facts.push(['Startdatum', d.startDate]);
  if (d.urgent) facts.push(['Akut', 'Ja']);
  return facts;
}

const urgentPrefix = (d: AccessPartMailData) => (d.urgent ? 'Akut: ' : '');

export const fulfilmentMails = {
  ACCESS_PART_WAITING: (d: AccessPartMailData, publicUrl: string): MailContent => ({
    subject: `${urgentPrefix(d)}Att utföra i ${d.systemName}: beställning ${d.orderNumber}`,
    recipientName: d.recipientName,
    paragraphs: [
      d.scimFailure
        ? `Beställning ${d.orderNumber} kunde inte utföras automatiskt via SCIM i ${d.systemName} efter ${d.scimFailure.attempts} försök och väntar nu på att du som systemadministratör utför den för hand. Senaste fel: ${d.scimFailure.lastError}`
        : `Beställning ${d.orderNumber} är attesterad och väntar på att du som systemadministratör för ${d.systemName} utför den.`,
      'Markera den som utförd, med eventuell återkopplingsinfo till beställaren, eller avslå den med en orsak.',
    ],
    facts: partFacts(d),
    action: { label: 'Öppna arbetsuppgiften', url: workItemLink(publicUrl, d.partId) },
  }),

  ACCESS_PART_REMINDER: (d: AccessPartReminderData, publicUrl: string): MailContent => ({
    subject: `${urgentPrefix(d)}Påminnelse: beställning ${d.orderNumber} väntar i ${d.systemName}`,
    recipientName: d.recipientName,
    paragraphs: [
      `Beställning ${d.orderNumber} har väntat på att utföras i ${d.systemName} sedan ${d.waitingSince}.`,
    ],
    facts: partFacts(d),
    action: { label: 'Öppna arbetsuppgiften', url: workItemLink(publicUrl, d.partId) },
  }),

  ACCESS_PART_REFUSED: (d: AccessPartRefusedData, publicUrl: string): MailContent => ({
    subject: `Beställning ${d.orderNumber} har avslagits i ${d.systemName}`,
    recipientName: d.recipientName,
    paragraphs: [
      `Systemadministratören för ${d.systemName} har avslagit beställning ${d.orderNumber} för ${d.endUserName}. Raden blir avslagen när beställningens övriga delar är klara.`,
    ],
    facts: partFacts(d),
    quote: { label: 'Orsak', text: d.reason },
    action: { label: 'Visa beställningen', url: mailLinks.order(publicUrl, d.orderId) },
  }),
};
