import { type MailContent } from './mail-layout.js';
import { mailLinks } from './mail-links.js';

export interface DelegationMailData {
  delegationId: string;
  recipientName?: string;
  careUnitName: string;
  rights: ('ORDER' | 'ATTEST')[];
  /** Empty or absent: the whole care unit. */
  assignmentNames?: string[];
  validFrom: string;
  validTo: string | null;
  /** Who granted or revoked it. */
  byName: string;
}

const RIGHT_NAMES: Record<DelegationMailData['rights'][number], string> = {
  ORDER: 'beställa',
  ATTEST: 'attestera',
};

function rightsText(rights: DelegationMailData['rights']): string {
  const names = rights.map((r) => RIGHT_NAMES[r]);
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`
    : (names[0] ?? '');
}

function delegationFacts(d: DelegationMailData): [string, string][] {
  return [
    ['Vårdenhet', d.careUnitName],
    ['Rätt att', rightsText(d.rights)],
    ['Uppdrag', d.assignmentNames?.length ? d.assignmentNames.join(', ') : 'Alla uppdrag på vårdenheten'],
    ['Giltig', d.validTo ? `${d.validFrom} – ${d.validTo}` : `från ${d.validFrom}, tills vidare`],
  ];
}

export const delegationMails = {
  DELEGATION_GRANTED: (d: DelegationMailData, publicUrl: string): MailContent => ({
    subject: `Du har fått en delegering för ${d.careUnitName}`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.byName} har gett dig rätt att ${rightsText(d.rights)} vårdmedarbetaruppdrag för ${d.careUnitName}.`,
    ],
    facts: delegationFacts(d),
    action: { label: 'Visa delegeringen', url: mailLinks.delegation(publicUrl, d.delegationId) },
  }),

  DELEGATION_REVOKED: (d: DelegationMailData, publicUrl: string): MailContent => ({
    subject: `Din delegering för ${d.careUnitName} har återkallats`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.byName} har återkallat din rätt att ${rightsText(d.rights)} vårdmedarbetaruppdrag för ${d.careUnitName}.`,
    ],
    facts: delegationFacts(d),
    action: { label: 'Visa delegeringen', url: mailLinks.delegation(publicUrl, d.delegationId) },
  }),
};
