import { type MailContent } from './mail-layout.js';
import { mailLinks } from './mail-links.js';

/** A mass order (rule 8, Mass orders of hundreds in one send): one mail for the batch, not one per order. */
export interface BatchMailData {
  batchId: string;
  recipientName?: string;
  ordererName: string;
  assignmentName: string;
  careUnitName: string;
  grantCount: number;
  revokeCount: number;
  /** The first and last order numbers of the batch (they are consecutive unless others sent meanwhile). */
  firstOrderNumber: string;
  lastOrderNumber: string;
  /** YYYY-MM-DD: when the grants start and the revokes end the access. */
  startDate: string;
  urgent?: boolean;
}

const persons = (n: number) => (n === 1 ? '1 person' : `${n} personer`);

export const batchMails = {
  BATCH_AWAITING_ATTEST: (d: BatchMailData, publicUrl: string): MailContent => {
    const count = d.grantCount + d.revokeCount;
    const what = [
      d.grantCount > 0 ? `nyupplägg för ${persons(d.grantCount)}` : '',
      d.revokeCount > 0 ? `avslut för ${persons(d.revokeCount)}` : '',
    ].filter(Boolean);
    const numbers =
      d.firstOrderNumber === d.lastOrderNumber
        ? d.firstOrderNumber
        : `${d.firstOrderNumber} – ${d.lastOrderNumber}`;
    const facts: [string, string][] = [
      ['Uppdrag', d.assignmentName],
      ['Vårdenhet', d.careUnitName],
      ['Beställare', d.ordererName],
      ['Antal beställningar', String(count)],
      ['Ordernummer', numbers],
      ['Startdatum', d.startDate],
    ];
    if (d.urgent) facts.push(['Akut', 'Ja']);
    return {
      subject: `${d.urgent ? 'Akut: ' : ''}Massbeställning med ${count} beställningar väntar på din attest`,
      recipientName: d.recipientName,
      paragraphs: [
        `${d.ordererName} har skickat en massbeställning av ${d.assignmentName} på ${d.careUnitName}: ${what.join(' och ')}.`,
        'Beställningarna ligger samlade i din attestkö. Du kan ta bort enskilda personer och godkänna resten med en signering.',
      ],
      facts,
      action: { label: 'Öppna attestkön', url: mailLinks.attestBatch(publicUrl, d.batchId) },
    };
  },
};
