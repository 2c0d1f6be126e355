/**
 * Texts of the soft rules on order lines (domain.md rule 2d, Engagement elsewhere is a warning) as
 * the order view and the attest page show them. Merged into sv.ts.
 */
export const svOrderWarnings = {
  beh: {
    orderWarnings: {
      code: {
        ENGAGEMENT_ELSEWHERE:
          'Personen har inget aktivt engagemang på vårdenheten; alla personens aktiva engagemang är på andra vårdenheter. Kontrollera att personen verkligen ska arbeta här.',
      },
      /** Before the line's own text: what kind of notice it is. */
      label: 'Varning',
      summaryOrder:
        'Beställaren bekräftade en varning när beställningen lades |||| Beställaren bekräftade varningar på %{smart_count} rader när beställningen lades',
      summaryAttest:
        'Kontrollera varningen innan du attesterar: beställaren bekräftade den när beställningen lades. |||| Kontrollera varningarna innan du attesterar: beställaren bekräftade dem på %{smart_count} rader när beställningen lades.',
      why: 'En varning hindrar inte beställningen. Den visas för att personen kan behöva uppdraget fast engagemanget ännu inte är registrerat här, till exempel vid inlån eller konsultuppdrag.',
    },
  },
};
