/** Texts of the queue "Att utföra" (issue 14, carrying out access orders). Merged into i18n/sv.ts. */
export const svFulfilment = {
  resources: {
    fulfilment: {
      name: 'Att utföra |||| Att utföra',
      fields: {
        q: 'Sök',
        urgent: 'Akut',
        systemId: 'System',
        systemName: 'System',
        orderNumber: 'Ordernummer',
        type: 'Typ',
        endUserName: 'Användare',
        endUserUserId: 'VGR-ID',
        endUserHsaId: 'HSA-id',
        templateName: 'Behörighetsmall',
        professionName: 'Yrkeskategori',
        startDate: 'Startdatum',
        endDate: 'Slutdatum',
        status: 'Status',
        ordererName: 'Beställare',
        createdAt: 'Inkom',
      },
    },
  },
  beh: {
    fulfilment: {
      title: 'Att utföra',
      itemTitle: 'Arbetsuppgift',
      searchHint: 'Sök på namn, VGR-ID, ordernummer eller mall',
      countsHeading: 'Väntande per system',
      count: '%{system}: %{pending} väntar',
      countUrgent: '%{system}: %{pending} väntar, %{urgent} akut',
      status: { PENDING: 'Väntande', DONE: 'Utförd', REFUSED: 'Avslagen' },
      urgent: 'Akut',
      notUrgent: 'Nej',
      replaces: '(ersätter %{template})',
      grantRoles: 'Roller att lägga upp',
      revokeRoles: 'Roller att ta bort',
      done: 'Utförd',
      refuse: 'Avslå',
      scim: 'SCIM',
      scimFailed:
        'Leveransen via SCIM misslyckades %{attempts} gånger och uppgiften ska utföras manuellt. Senaste fel: %{error}',
      refusedReason: 'Avslagen: %{reason}',
      doneBy: 'Utförd av %{name}.',
      doneWithFeedback: 'Utförd av %{name}. Återkopplingsinfo är lämnad till beställaren.',
      feedbackLabel: 'Återkopplingsinfo',
      feedbackHelp:
        'T.ex. användarnamn och första lösenord. Visas bara för beställaren, högst två gånger, och sparas krypterat.',
      reasonLabel: 'Orsak',
      reasonHelp: 'Beställaren får orsaken i ett mejl.',
      settled: { done: 'Uppgiften är markerad som utförd', refuse: 'Uppgiften är avslagen' },
      settledCompleted: 'Uppgiften är klar och beställningen är nu avslutad',
      dialog: {
        done: {
          title: 'Markera som utförd',
          text: 'Bekräfta att behörigheterna är ändrade i systemet. Skriv eventuell återkopplingsinfo till beställaren.',
          confirm: 'Utförd',
        },
        refuse: {
          title: 'Avslå uppgiften',
          text: 'Raden i beställningen blir avslagen. Ange varför.',
          confirm: 'Avslå',
        },
      },
    },
  },
};
