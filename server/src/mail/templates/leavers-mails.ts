import type { MailContent } from './mail-layout.js';

/** One revoke order the system placed for a leaver, as the summary lists it. */
export interface LeaverRevokeLine {
  orderNumber: string;
  endUserName: string;
  careUnitName: string;
  /** The engagement's last day. */
  lastDay: string;
  /** The revoke's date: the first day without. */
  startDate: string;
  assignmentNames: string[];
}

/** One delegation the system ended because its delegate left the unit. */
export interface LeaverDelegationLine {
  delegateName: string;
  careUnitName: string;
  /** Its last day now; null when it was revoked before it began. */
  validTo: string | null;
}

/** A delegation whose grantor is no longer head of the unit, for the new head to confirm or end. */
export interface LeaversSummaryData {
  /** The head of unit mailed (the mail's subject in the outbox). */
  headId: string;
  recipientName?: string;
  /** The revokes were carried out (LEAVER_REVOKE=direct) rather than placed for attest. */
  direct: boolean;
  revokes: LeaverRevokeLine[];
  delegations: LeaverDelegationLine[];
}

const revokeText = (r: LeaverRevokeLine) =>
  `${r.orderNumber}: ${r.endUserName}, ${r.careUnitName} (engagemanget upphörde ${r.lastDay}) – ` +
  `${r.assignmentNames.join(', ')} avslutas från och med ${r.startDate}.`;

const delegationText = (d: LeaverDelegationLine) =>
  d.validTo
    ? `${d.delegateName}, ${d.careUnitName}: delegeringen gäller till och med ${d.validTo}.`
    : `${d.delegateName}, ${d.careUnitName}: delegeringen har återkallats.`;

/**
 * The head of unit's one summary per run of the leavers job (issue 15, point 4): every person
 * whose engagement at the head's units ended, with the revoke orders the system placed for what
 * they held there and the delegations that ended with them.
 */
export const leaversMails = {
  LEAVERS_SUMMARY: (d: LeaversSummaryData, publicUrl: string): MailContent => {
    const persons = new Set([
      ...d.revokes.map((r) => r.endUserName),
      ...d.delegations.map((x) => x.delegateName),
    ]);
    const paragraphs: string[] = [
      `Engagemang har upphört i katalogen (KIV) för ${persons.size === 1 ? 'en person' : `${persons.size} personer`} vid dina vårdenheter.`,
    ];
    if (d.revokes.length > 0) {
      paragraphs.push(
        d.direct
          ? 'Systemet har beställt och genomfört avslut av deras uppdrag:'
          : 'Systemet har beställt avslut av deras uppdrag. Beställningarna väntar på din attest:',
        ...d.revokes.map(revokeText),
      );
    }
    if (d.delegations.length > 0) {
      paragraphs.push('Delegeringar som upphör med engagemanget:', ...d.delegations.map(delegationText));
    }
    return {
      subject: d.direct
        ? `Avslut för personer som lämnat dina vårdenheter (${d.revokes.length})`
        : `Avslut att attestera för personer som lämnat dina vårdenheter (${d.revokes.length})`,
      recipientName: d.recipientName,
      paragraphs,
      facts: [
        ['Beställare', 'Systemet (KIV)'],
        ['Antal avslut', String(d.revokes.length)],
        ['Antal delegeringar som upphör', String(d.delegations.length)],
      ],
      action:
        d.direct || d.revokes.length === 0
          ? { label: 'Visa beställningarna', url: `${publicUrl}/#/orders` }
          : { label: 'Attestera', url: `${publicUrl}/#/attest` },
    };
  },
};
