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
  /** Set for a delegation for a verksamhet (then `careUnitName` reads "Område / Verksamhet"). */
  accessOperationName?: string;
  areaName?: string;
}

/** Sent ahead of a delegation's end, to the delegate and to the head of the unit. */
export interface DelegationExpiringData extends DelegationMailData {
  validTo: string;
  delegateName: string;
  /** The recipient is the delegate (else the head of the unit). */
  toDelegate: boolean;
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

/** What the delegation lets one order: VMU on a unit, or access to systems in a verksamhet. */
const what = (d: DelegationMailData): string =>
  d.accessOperationName ? 'behörigheter i lokala och regionala system' : 'vårdmedarbetaruppdrag';

const validity = (d: DelegationMailData): string =>
  d.validTo ? `${d.validFrom} – ${d.validTo}` : `från ${d.validFrom}, tills vidare`;

function delegationFacts(d: DelegationMailData): [string, string][] {
  if (d.accessOperationName) {
    return [
      ['Område', d.areaName ?? ''],
      ['Verksamhet', d.accessOperationName],
      ['Rätt att', rightsText(d.rights)],
      ['Giltig', validity(d)],
    ];
  }
  return [
    ['Vårdenhet', d.careUnitName],
    ['Rätt att', rightsText(d.rights)],
    ['Uppdrag', d.assignmentNames?.length ? d.assignmentNames.join(', ') : 'Alla uppdrag på vårdenheten'],
    ['Giltig', validity(d)],
  ];
}

export const delegationMails = {
  DELEGATION_GRANTED: (d: DelegationMailData, publicUrl: string): MailContent => ({
    subject: `Du har fått en delegering för ${d.careUnitName}`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.byName} har gett dig rätt att ${rightsText(d.rights)} ${what(d)} för ${d.careUnitName}.`,
    ],
    facts: delegationFacts(d),
    action: { label: 'Visa delegeringen', url: mailLinks.delegation(publicUrl, d.delegationId) },
  }),

  DELEGATION_EXPIRING: (d: DelegationExpiringData, publicUrl: string): MailContent => ({
    subject: `Delegeringen för ${d.careUnitName} upphör efter ${d.validTo}`,
    recipientName: d.recipientName,
    paragraphs: d.toDelegate
      ? [
          `Din rätt att ${rightsText(d.rights)} ${what(d)} för ${d.careUnitName} gäller till och med ${d.validTo}.`,
          d.accessOperationName
            ? 'Behöver du rätten längre än så ber du verksamhetens ansvariga chef om en ny delegering.'
            : 'Behöver du rätten längre än så ber du verksamhetschefen om en ny delegering.',
        ]
      : [
          `Delegeringen till ${d.delegateName} att ${rightsText(d.rights)} ${what(d)} för ${d.careUnitName} gäller till och med ${d.validTo}.`,
          'Behövs rätten längre än så ger du en ny delegering.',
        ],
    facts: [['Delegat', d.delegateName], ...delegationFacts(d)],
    action: { label: 'Visa delegeringen', url: mailLinks.delegation(publicUrl, d.delegationId) },
  }),

  DELEGATION_REVOKED: (d: DelegationMailData, publicUrl: string): MailContent => ({
    subject: `Din delegering för ${d.careUnitName} har återkallats`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.byName} har återkallat din rätt att ${rightsText(d.rights)} ${what(d)} för ${d.careUnitName}.`,
    ],
    facts: delegationFacts(d),
    action: { label: 'Visa delegeringen', url: mailLinks.delegation(publicUrl, d.delegationId) },
  }),
};
