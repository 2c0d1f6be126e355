import type { MailContent } from './mail-layout.js';

/** A reviewer's one mail when a campaign starts: how many holdings wait for their review. */
export interface ReviewStartedData {
  campaignId: string;
  recipientName?: string;
  campaignName: string;
  itemCount: number;
  /** Care units of the VMU items. */
  unitCount: number;
  /** Of itemCount, the templates of local and regional systems (0 or left out: none). */
  templateCount?: number;
  /** Verksamheter of the template items. */
  operationCount?: number;
  dueDate: string;
  revokeDate: string;
  undecidedRule: 'KEEP' | 'REVOKE';
}

const count = (n: number, one: string, many: string) => (n === 1 ? `en ${one}` : `${n} ${many}`);

/** What a reviewer reviews, in words: assignments at units, templates at verksamheter, or both. */
function reviewedText(d: ReviewStartedData): string {
  const templates = d.templateCount ?? 0;
  const assignments = d.itemCount - templates;
  const parts = [
    ...(assignments > 0
      ? [`${assignments} innehav av uppdrag vid ${count(d.unitCount, 'vårdenhet', 'vårdenheter')}`]
      : []),
    ...(templates > 0
      ? [
          `${templates} innehav av behörighetsmallar vid ${count(d.operationCount ?? 0, 'verksamhet', 'verksamheter')}`,
        ]
      : []),
  ];
  return parts.join(' och ');
}

const undecidedText = (rule: 'KEEP' | 'REVOKE', dueDate: string) =>
  rule === 'KEEP'
    ? `Uppdrag som inte är granskade när dagen ${dueDate} är slut behålls.`
    : `Uppdrag som inte är granskade när dagen ${dueDate} är slut tas bort.`;

/** Access reviews (issue 17): the mail to each reviewer when a campaign starts. */
export const reviewMails = {
  REVIEW_STARTED: (d: ReviewStartedData, publicUrl: string): MailContent => ({
    subject: `Granskning av behörigheter: ${d.itemCount} innehav att granska`,
    recipientName: d.recipientName,
    paragraphs: [
      `Granskningen "${d.campaignName}" har startat. Du granskar ${reviewedText(d)}: för varje person anger du om ${
        d.templateCount ? 'innehavet' : 'uppdraget'
      } ska behållas eller tas bort, och signerar sedan dina beslut.`,
      undecidedText(d.undecidedRule, d.dueDate),
      d.templateCount
        ? `Det som tas bort avslutas den ${d.revokeDate}; behörighetsmallar lämnas då över till sina system.`
        : `Uppdrag som tas bort avslutas den ${d.revokeDate}.`,
    ],
    facts: [
      ['Granskning', d.campaignName],
      ['Att granska', String(d.itemCount)],
      ['Sista dag', d.dueDate],
    ],
    action: { label: 'Granska', url: `${publicUrl}/#/reviews/${d.campaignId}` },
  }),
};

/** A reviewer's reminder at 50 % or 90 % of the campaign's time, while items are open. */
export interface ReviewReminderData {
  campaignId: string;
  recipientName?: string;
  campaignName: string;
  open: number;
  total: number;
  dueDate: string;
  undecidedRule: 'KEEP' | 'REVOKE';
}

/** One unit's open items, as the escalation lists them. */
export interface ReviewEscalationUnit {
  careUnitName: string;
  reviewerName: string | null;
  open: number;
}

/**
 * The escalation at the due date, when items are open: to the head of each administration for its
 * units, and to the campaign's creator for the units of an administration without one (rule 40).
 */
export interface ReviewEscalationData {
  campaignId: string;
  recipientName?: string;
  campaignName: string;
  dueDate: string;
  undecidedRule: 'KEEP' | 'REVOKE';
  /** The administrations whose head (förvaltningschef) the recipient is, of the units listed. */
  headOf?: string[];
  /** True when the list holds units (or items of no unit) the recipient gets as the creator. */
  asCreator?: boolean;
  units: ReviewEscalationUnit[];
}

/** "A", "A och B", "A, B och C". */
const names = (list: string[]): string =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} och ${list.at(-1)}`;

/** Why the recipient gets the escalation; empty when the data does not say. */
const escalatedAs = (d: ReviewEscalationData): string[] => {
  const roles = [
    ...(d.headOf?.length ? [`förvaltningschef för ${names(d.headOf)}`] : []),
    ...(d.asCreator ? ['den som skapade granskningen'] : []),
  ];
  return roles.length > 0 ? [`Du får det här som ${roles.join(' och som ')}.`] : [];
};

export const reviewFollowUpMails = {
  REVIEW_REMINDER: (d: ReviewReminderData, publicUrl: string): MailContent => ({
    subject: `Påminnelse: ${d.open} av ${d.total} innehav är inte granskade`,
    recipientName: d.recipientName,
    paragraphs: [
      `Granskningen "${d.campaignName}" ska vara klar senast ${d.dueDate}. ${d.open} av dina ${d.total} innehav har ännu inget signerat beslut.`,
      undecidedText(d.undecidedRule, d.dueDate),
    ],
    facts: [
      ['Granskning', d.campaignName],
      ['Ej granskade', String(d.open)],
      ['Sista dag', d.dueDate],
    ],
    action: { label: 'Granska', url: `${publicUrl}/#/reviews/${d.campaignId}` },
  }),
  REVIEW_ESCALATION: (d: ReviewEscalationData, publicUrl: string): MailContent => {
    const open = d.units.reduce((sum, u) => sum + u.open, 0);
    return {
      subject: `Granskningen "${d.campaignName}" har ${open} ej granskade innehav`,
      recipientName: d.recipientName,
      paragraphs: [
        `Sista dag för granskningen "${d.campaignName}" är i dag, ${d.dueDate}, och ${open} innehav saknar signerat beslut:`,
        ...d.units.map(
          (u) => `${u.careUnitName} (granskare ${u.reviewerName ?? 'saknas'}): ${u.open} ej granskade.`,
        ),
        ...escalatedAs(d),
        undecidedText(d.undecidedRule, d.dueDate),
      ],
      facts: [
        ['Granskning', d.campaignName],
        ['Ej granskade', String(open)],
      ],
      action: { label: 'Visa granskningen', url: `${publicUrl}/#/reviews/${d.campaignId}/report` },
    };
  },
};
