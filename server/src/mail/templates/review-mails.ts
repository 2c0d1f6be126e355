import type { MailContent } from './mail-layout.js';

/** A reviewer's one mail when a campaign starts: how many holdings wait for their review. */
export interface ReviewStartedData {
  campaignId: string;
  recipientName?: string;
  campaignName: string;
  itemCount: number;
  unitCount: number;
  dueDate: string;
  revokeDate: string;
  undecidedRule: 'KEEP' | 'REVOKE';
}

const undecidedText = (rule: 'KEEP' | 'REVOKE', dueDate: string) =>
  rule === 'KEEP'
    ? `Uppdrag som inte har granskats den ${dueDate} behålls.`
    : `Uppdrag som inte har granskats den ${dueDate} tas bort.`;

/** Access reviews (issue 17): the mail to each reviewer when a campaign starts. */
export const reviewMails = {
  REVIEW_STARTED: (d: ReviewStartedData, publicUrl: string): MailContent => ({
    subject: `Granskning av behörigheter: ${d.itemCount} innehav att granska`,
    recipientName: d.recipientName,
    paragraphs: [
      `Granskningen "${d.campaignName}" har startat. Du granskar ${d.itemCount} innehav av uppdrag vid ${
        d.unitCount === 1 ? 'en vårdenhet' : `${d.unitCount} vårdenheter`
      }: för varje person anger du om uppdraget ska behållas eller tas bort, och signerar sedan dina beslut.`,
      undecidedText(d.undecidedRule, d.dueDate),
      `Uppdrag som tas bort avslutas den ${d.revokeDate}.`,
    ],
    facts: [
      ['Granskning', d.campaignName],
      ['Att granska', String(d.itemCount)],
      ['Sista dag', d.dueDate],
    ],
    action: { label: 'Granska', url: `${publicUrl}/#/reviews/${d.campaignId}` },
  }),
};
