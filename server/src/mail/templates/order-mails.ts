import { type MailContent } from './mail-layout.js';
import { mailLinks } from './mail-links.js';

/** What every order mail needs; the order workflow passes names as it has them at that moment. */
export interface OrderMailData {
  orderId: string;
  /** BEH + 7 digits. */
  orderNumber: string;
  recipientName?: string;
  /** CHANGE: Förändring, only for access orders (issue 14). */
  type: 'GRANT' | 'REVOKE' | 'CHANGE';
  endUserName: string;
  ordererName?: string;
  careUnitName?: string;
  /** YYYY-MM-DD: when a grant starts or a revoke ends the access. */
  startDate?: string;
  urgent?: boolean;
  /** Names of the assignments the order is about. */
  assignmentNames?: string[];
  /** An access order's verksamhet (instead of a care unit), and its område. */
  accessOperationName?: string;
  accessAreaName?: string;
  /** An access order's lines, each "Behörighetsmall X (Yrkeskategori Y)". */
  templateLines?: string[];
  /** ORDER_COMPLETED of an access order: Återkopplingsinfo (login details) waits in the portal. */
  loginDetailsWaiting?: boolean;
}

export interface AttestantChangedData extends OrderMailData {
  previousAttestantName?: string;
}

export interface AttestReminderData extends OrderMailData {
  /** YYYY-MM-DD the order was placed. */
  orderedOn: string;
}

/** To the head of the unit when an order has waited too long for its attestant. */
export interface AttestEscalationData extends AttestReminderData {
  attestantName: string;
}

/** To the orderer when a time-limited grant (tidsbegränsat uppdrag) has run out. */
export interface GrantEndedData extends OrderMailData {
  /** YYYY-MM-DD: the last day the assignment was held. */
  endDate: string;
}

export interface OrderDecisionData extends OrderMailData {
  attestantName: string;
}

export interface OrderRejectedData extends OrderDecisionData {
  /** The attestant's required reason. */
  comment: string;
}

const TYPE_NAMES: Record<OrderMailData['type'], string> = {
  GRANT: 'Nyupplägg',
  REVOKE: 'Avslut',
  CHANGE: 'Förändring',
};

function orderFacts(d: OrderMailData): [string, string][] {
  const facts: [string, string][] = [
    ['Ordernummer', d.orderNumber],
    ['Typ', TYPE_NAMES[d.type]],
    ['Slutanvändare', d.endUserName],
  ];
  if (d.ordererName) facts.push(['Beställare', d.ordererName]);
  if (d.careUnitName) facts.push(['Vårdenhet', d.careUnitName]);
  if (d.accessAreaName) facts.push(['Område', d.accessAreaName]);
  if (d.accessOperationName) facts.push(['Verksamhet', d.accessOperationName]);
  if (d.assignmentNames?.length) facts.push(['Uppdrag', d.assignmentNames.join(', ')]);
  if (d.templateLines?.length) facts.push(['Behörigheter', d.templateLines.join(', ')]);
  if (d.startDate) facts.push([d.type === 'REVOKE' ? 'Behörigheten upphör' : 'Startdatum', d.startDate]);
  if (d.urgent) facts.push(['Akut', 'Ja']);
  return facts;
}

const urgentPrefix = (d: OrderMailData) => (d.urgent ? 'Akut: ' : '');

export const orderMails = {
  ORDER_AWAITING_ATTEST: (d: OrderMailData, publicUrl: string): MailContent => ({
    subject: `${urgentPrefix(d)}Beställning ${d.orderNumber} väntar på din attest`,
    recipientName: d.recipientName,
    paragraphs: [
      `Beställning ${d.orderNumber} väntar på din attest. Öppna beställningen för att godkänna eller avslå den och signera ditt beslut.`,
    ],
    facts: orderFacts(d),
    action: { label: 'Öppna beställningen', url: mailLinks.attest(publicUrl, d.orderId) },
  }),

  ATTESTANT_CHANGED: (d: AttestantChangedData, publicUrl: string): MailContent => ({
    subject: `${urgentPrefix(d)}Du är ny attestant för beställning ${d.orderNumber}`,
    recipientName: d.recipientName,
    paragraphs: [
      d.previousAttestantName
        ? `Beställaren har bytt attestant för beställning ${d.orderNumber} från ${d.previousAttestantName} till dig.`
        : `Beställaren har valt dig som ny attestant för beställning ${d.orderNumber}.`,
      'Beställningen väntar nu på din attest.',
    ],
    facts: orderFacts(d),
    action: { label: 'Öppna beställningen', url: mailLinks.attest(publicUrl, d.orderId) },
  }),

  ATTEST_REMINDER: (d: AttestReminderData, publicUrl: string): MailContent => ({
    subject: `Påminnelse: beställning ${d.orderNumber} väntar på din attest`,
    recipientName: d.recipientName,
    paragraphs: [`Beställning ${d.orderNumber} har väntat på din attest sedan ${d.orderedOn}.`],
    facts: orderFacts(d),
    action: { label: 'Öppna beställningen', url: mailLinks.attest(publicUrl, d.orderId) },
  }),

  ATTEST_ESCALATION: (d: AttestEscalationData, publicUrl: string): MailContent => ({
    subject: `Beställning ${d.orderNumber} har väntat på attest sedan ${d.orderedOn}`,
    recipientName: d.recipientName,
    paragraphs: [
      `Beställning ${d.orderNumber} på din vårdenhet har väntat på attest av ${d.attestantName} sedan ${d.orderedOn}, trots en påminnelse.`,
      'Som verksamhetschef kan du påminna attestanten eller be beställaren byta attestant.',
    ],
    facts: orderFacts(d),
    action: { label: 'Visa beställningen', url: mailLinks.order(publicUrl, d.orderId) },
  }),

  TIME_LIMITED_GRANT_ENDED: (d: GrantEndedData, publicUrl: string): MailContent => ({
    subject: `Tidsbegränsat uppdrag i beställning ${d.orderNumber} har upphört`,
    recipientName: d.recipientName,
    paragraphs: [
      `Uppdraget som du beställde med ${d.orderNumber} för ${d.endUserName} var tidsbegränsat och gällde till och med ${d.endDate}. Det har nu upphört.`,
      'Behövs uppdraget fortfarande gör du en ny beställning.',
    ],
    facts: orderFacts(d),
    action: { label: 'Visa beställningen', url: mailLinks.order(publicUrl, d.orderId) },
  }),

  ORDER_APPROVED: (d: OrderDecisionData, publicUrl: string): MailContent => ({
    subject: `Beställning ${d.orderNumber} är attesterad`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.attestantName} har godkänt beställning ${d.orderNumber}. Den utförs på startdatumet; du får ett nytt meddelande när den är utförd.`,
    ],
    facts: orderFacts(d),
    action: { label: 'Visa beställningen', url: mailLinks.order(publicUrl, d.orderId) },
  }),

  ORDER_REJECTED: (d: OrderRejectedData, publicUrl: string): MailContent => ({
    subject: `Beställning ${d.orderNumber} har avslagits`,
    recipientName: d.recipientName,
    paragraphs: [`${d.attestantName} har avslagit beställning ${d.orderNumber}.`],
    facts: orderFacts(d),
    quote: { label: 'Attestantens kommentar', text: d.comment },
    action: { label: 'Visa beställningen', url: mailLinks.order(publicUrl, d.orderId) },
  }),

  // Feedback is for the orderer alone and a mail can be forwarded: it stays in the portal.
  ORDER_COMPLETED: (d: OrderMailData, publicUrl: string): MailContent => ({
    subject: `Beställning ${d.orderNumber} är utförd`,
    recipientName: d.recipientName,
    paragraphs: d.loginDetailsWaiting
      ? [
          `Beställning ${d.orderNumber} är utförd av systemens administratörer.`,
          'Inloggningsuppgifter väntar på dig under Återkopplingsinfo på beställningen i portalen. De visas bara för dig, och högst två gånger.',
        ]
      : [
          d.type === 'REVOKE'
            ? `Beställning ${d.orderNumber} är utförd: behörigheten är avslutad.`
            : `Beställning ${d.orderNumber} är utförd: behörigheten är upplagd.`,
          'Återkopplingsinformationen kan du läsa i portalen.',
        ],
    facts: orderFacts(d),
    action: { label: 'Läs återkopplingsinformationen', url: mailLinks.order(publicUrl, d.orderId) },
  }),

  ORDER_CANCELLED: (d: OrderMailData, publicUrl: string): MailContent => ({
    subject: `Beställning ${d.orderNumber} har makulerats`,
    recipientName: d.recipientName,
    paragraphs: [
      `Beställaren har makulerat beställning ${d.orderNumber}. Den behöver inte längre din attest.`,
    ],
    facts: orderFacts(d),
    action: { label: 'Visa beställningen', url: mailLinks.order(publicUrl, d.orderId) },
  }),
};
