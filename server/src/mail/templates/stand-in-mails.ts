import { type MailContent } from './mail-layout.js';
import { mailLinks } from './mail-links.js';

/** Sent to a stand-in (Ersättare) when an attestant names them, and when the naming is ended. */
export interface StandInMailData {
  standInRowId: string;
  recipientName?: string;
  /** The attestant the recipient stands in for, "Name (userId)". */
  attestantName: string;
  validFrom: string;
  validTo: string;
  /** Who ended it (the attestant or an administrator); only for STAND_IN_ENDED. */
  byName?: string;
}

export const standInMails = {
  STAND_IN_NAMED: (d: StandInMailData, publicUrl: string): MailContent => ({
    subject: `Du är ersättare för ${d.attestantName}`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.attestantName} har utsett dig till ersättare. Under perioden ser du de beställningar som väntar på ${d.attestantName}s attest i din egen lista Attestera beställningar, märkta "Ersättare för", och kan godkänna eller avslå dem. Din signatur och händelseloggen anger att du attesterade som ersättare.`,
    ],
    facts: [
      ['Ersättare för', d.attestantName],
      ['Giltig', `${d.validFrom} – ${d.validTo}`],
    ],
    action: { label: 'Visa ersättare', url: mailLinks.standIns(publicUrl) },
  }),

  STAND_IN_ENDED: (d: StandInMailData, publicUrl: string): MailContent => ({
    subject: `Du är inte längre ersättare för ${d.attestantName}`,
    recipientName: d.recipientName,
    paragraphs: [
      `${d.byName ?? d.attestantName} har avslutat ditt uppdrag som ersättare för ${d.attestantName}. Deras beställningar visas inte längre i din lista Attestera beställningar.`,
    ],
    facts: [
      ['Ersättare för', d.attestantName],
      ['Gällde', `${d.validFrom} – ${d.validTo}`],
    ],
    action: { label: 'Visa ersättare', url: mailLinks.standIns(publicUrl) },
  }),
};
