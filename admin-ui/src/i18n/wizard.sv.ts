/** Texts of the order wizard's safety nets: the draft, Ångra, warnings, type-ahead. Merged into sv.ts. */
export const svWizard = {
  beh: {
    wizardUx: {
      cancelDialog: {
        content: 'Dina val försvinner och du börjar om från steg 1.',
      },
      cancelled: 'Beställningen är ångrad. Du kan börja om med en ny sökning.',
      attestantHint: 'Skriv början på namnet eller VGR-ID:t för att välja.',
      warning: {
        elsewhere:
          '%{name} har inget aktivt engagemang på %{unit}. Personens aktiva engagemang är på %{units}. Kontrollera att personen verkligen ska arbeta här.',
        title: 'Kontrollera varningen innan du skickar |||| Kontrollera varningarna innan du skickar',
        why: 'Det är en varning och inget hinder: personen kan vara inlånad eller konsult, eller ha ett nytt engagemang som ännu inte syns i KIV. Attestanten ser också varningen.',
        confirm: 'Jag har kontrollerat att beställningen ändå ska göras',
        missing: 'Bekräfta varningen genom att markera rutan innan du skickar beställningen.',
      },
    },
  },
};
