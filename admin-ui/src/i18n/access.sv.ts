/** Texts of sign-in, the start page and delegations, merged into sv.ts. Swedish is the reference. */
export const svAccess = {
  resources: {
    delegations: {
      name: 'Delegering |||| Delegeringar',
      fields: {
        id: 'Id',
        q: 'Sök',
        delegateId: 'Delegat',
        delegateName: 'Delegat',
        careUnitId: 'Vårdenhet',
        careUnitName: 'Vårdenhet',
        grantorId: 'Beviljad av',
        grantorName: 'Beviljad av',
        rights: 'Rättigheter',
        scope: 'Omfattning',
        assignmentIds: 'Uppdrag',
        assignmentNames: 'Uppdrag',
        validFrom: 'Giltig från',
        validTo: 'Giltig till',
        status: 'Status',
        createdAt: 'Skapad',
      },
    },
  },
  beh: {
    auth: {
      signedInAs: 'Inloggad: %{name} (%{userId})',
    },
    menu: {
      start: 'Startsida',
      help: 'Manualer',
    },
    signIn: {
      region: 'Västra Götalandsregionen',
      service: 'Behörighetsbeställning (BEH)',
      heading: 'Jag legitimerar mig hos Västra Götalandsregionen',
      chooseMethod: 'Välj legitimeringsmetod',
      saml: {
        cardThisDevice: 'SITHS-kort på denna enhet',
        instructions:
          'För att identifiera dig behöver du sätta i ditt TjänsteId+ kort (SITHS) i kortläsaren och identifiera dig. Ange din personliga kod.',
      },
      dev: {
        heading: 'Utvecklarinloggning',
        hint: 'Finns bara i utvecklings- och testmiljö. Välj en demoperson att logga in som.',
        none: 'Det finns inga demopersoner i katalogen.',
      },
      unavailable: 'Inloggningen kunde inte nås just nu. Försök igen om en stund.',
      noMethods: 'Ingen inloggningsmetod är konfigurerad för portalen. Kontakta förvaltningen.',
      failed: 'Inloggningen misslyckades.',
    },
    start: {
      pageTitle: 'Startsida',
      welcome: 'Välkommen till behörighetsbeställning!',
      noTiles:
        'Du har inga rättigheter att beställa, attestera eller delegera. Behöver du beställa vårdmedarbetaruppdrag ger din verksamhetschef dig en delegering.',
      myOrders: 'Mina beställningar',
      allOrders: 'Alla beställningar',
      vmuSingle: {
        title: 'Vårdmedarbetaruppdrag (VMU) – en användare',
        description: 'Här beställs behörighet till VMU för en användare.',
        manual: 'Manual för vårdmedarbetaruppdrag',
      },
      vmuMass: {
        title: 'Vårdmedarbetaruppdrag (VMU) – flera användare',
        description: 'Här beställs behörighet till VMU för flera användare.',
        manual: 'Manual för massbeställning (VMU)',
      },
      attest: {
        title: 'Attestera beställningar',
        description: 'Utför attest av dina beställningar.',
        manual: 'Manual för attest/granskning',
      },
      delegations: {
        title: 'Delegeringar',
        manual: 'Manual för delegering',
        create: 'Ny delegering',
        manage: 'Visa/hantera delegeringar',
        search: 'Sök befintlig delegering',
      },
    },
    help: {
      backToStart: 'Till startsidan',
      swedishOnly: 'Manualerna finns bara på svenska.',
    },
    delegations: {
      right: { ORDER: 'Beställa', ATTEST: 'Attestera' },
      status: { ACTIVE: 'Aktiv', FUTURE: 'Kommande', ENDED: 'Avslutad', REVOKED: 'Återkallad' },
      action: { CREATED: 'Skapad', LIMITED: 'Begränsad', REVOKED: 'Återkallad' },
      scope: { UNIT: 'Hela vårdenheten', CHOSEN: 'Valda uppdrag' },
      wholeUnit: 'Hela vårdenheten',
      untilFurtherNotice: 'Tills vidare',
      noEngagement: 'Inget aktivt engagemang',
      searchHint: 'Delegat eller vårdenhet',
      createTitle: 'Ny delegering',
      showTitle: 'Delegering till %{name}',
      sections: {
        who: 'Vårdenhet och delegat',
        what: 'Rättigheter och omfattning',
        when: 'Giltighet',
      },
      delegateHint: 'Sök på namn, VGR-ID eller förvaltning',
      validToHint: 'Lämna tomt för tills vidare',
      chooseUnitFirst: 'Välj först vårdenhet',
      noGrantableUnits: 'Du är inte verksamhetschef för någon vårdenhet och kan därför inte ge delegeringar.',
      validation: {
        beforeToday: 'Datumet får inte vara tidigare än i dag',
        validToBeforeFrom: 'Giltig till får inte vara före giltig från',
        chooseAssignments: 'Välj minst ett uppdrag',
        keepEndDate: 'Ett slutdatum kan flyttas tidigare men inte tas bort',
        onlyEarlier: 'Slutdatumet kan bara flyttas tidigare',
      },
      actions: { limit: 'Begränsa', revoke: 'Återkalla' },
      revokeDialog: {
        title: 'Återkalla delegeringen?',
        content:
          '%{name} förlorar direkt de rättigheter som den här delegeringen ger för %{unit}. Det går inte att ångra.',
      },
      limitDialog: {
        title: 'Begränsa delegeringen till %{name}',
        validToHint: 'Ett tidigare slutdatum, tidigast i dag',
      },
      notifications: {
        revoked: 'Delegeringen är återkallad',
        limited: 'Delegeringen är begränsad',
        nothingToLimit: 'Du har inte ändrat något',
      },
      events: 'Händelser',
      noEvents: 'Inga händelser',
      event: { at: 'Tid', actor: 'Vem', what: 'Vad' },
      revokedAtBy: 'Återkallad %{at} av %{name}',
    },
  },
};
