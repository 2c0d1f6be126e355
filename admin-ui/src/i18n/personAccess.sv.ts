/**
 * Texts of the person lookup log ("Uppslagslogg", and the "Uppslag" tab on a person's page).
 * Merged into sv.ts.
 */
export const svPersonAccess = {
  resources: {
    'person-access-log': {
      name: 'Uppslag |||| Uppslagslogg',
      fields: {
        at: 'Tid',
        actorName: 'Vem',
        personName: 'Person',
        action: 'Händelse',
        lookedUp: 'Sökt med',
        purpose: 'Syfte',
        personId: 'Person',
        userId: 'Användare',
        from: 'Från',
        to: 'Till',
      },
    },
  },
  beh: {
    personAccess: {
      tab: 'Uppslag',
      detailsTab: 'Uppgifter',
      tabNote: 'Vem som har slagit upp personen eller öppnat sidan, när och varifrån.',
      none: 'Ingen har slagit upp personen ännu.',
      nobody: 'Ingen träff',
      notAnswered: 'ej visad',
      client: 'API-klient %{name}',
      action: { LOOKUP: 'Uppslag', DETAIL: 'Visning' },
      by: {
        id: 'Öppnad',
        personnummer: 'Personnummer',
        passportNumber: 'Passnummer',
        hsaId: 'HSA-id',
        userId: 'VGR-ID',
      },
      purpose: {
        wizard: 'Beställning (guiden)',
        'mass-order': 'Massbeställning',
        'person-page': 'Personsidan',
        'person-edit': 'Redigera person',
        delegation: 'Delegering',
        order: 'Beställning',
        attest: 'Attest',
        api: 'API',
      },
    },
  },
};
