import { type MailContent } from './mail-layout.js';

/** A signed checkpoint of the audit chain head (issue 12): kept outside the database by whoever receives it. */
export interface AuditAnchorMailData {
  anchorId: string;
  /** The anchor exactly as published: what POST /api/audit-events/verify-anchor takes. */
  anchorJson: string;
  eventId: string | null;
  eventCount: number;
  /** When it was made, in Stockholm time. */
  at: string;
}

export const auditMails = {
  AUDIT_ANCHOR: (d: AuditAnchorMailData, publicUrl: string): MailContent => ({
    subject: `Förankring nr ${d.anchorId} av händelseloggen`,
    paragraphs: [
      'Detta är en signerad kontrollpunkt för BEH:s händelselogg. Spara mejlet utanför BEH: om loggens slut skulle tas bort i databasen kan en administratör lämna JSON-texten nedan till BEH (POST /api/audit-events/verify-anchor), som svarar om loggen fortfarande innehåller kontrollpunkten.',
    ],
    facts: [
      ['Förankring', d.anchorId],
      ['Senaste händelse', d.eventId ?? '–'],
      ['Antal händelser', String(d.eventCount)],
      ['Tid', d.at],
    ],
    quote: { label: 'Förankring (JSON)', text: d.anchorJson },
    action: { label: 'Öppna händelseloggen', url: `${publicUrl}/#/audit-events` },
  }),
};
