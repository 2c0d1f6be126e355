/** Texts of "Ersättare" (rule 41) and the queue's marker. Merged into i18n/sv.ts. */
export const svStandIns = {
  resources: {
    'stand-ins': {
      name: 'Ersättare |||| Ersättare',
      fields: {
        attestantName: 'Attestant',
        standInName: 'Ersättare',
        standInId: 'Ersättare',
        validFrom: 'Från och med',
        validTo: 'Till och med',
        status: 'Status',
      },
    },
  },
  beh: {
    standIns: {
      add: 'Utse ersättare',
      end: 'Avsluta',
      endTitle: 'Avsluta ersättaren?',
      endContent: 'Ersättaren ser och attesterar inte längre det som väntar på attestantens attest.',
      standInHint: 'Ersättaren ser och attesterar det som väntar på din attest under perioden.',
      validToHint: 'Högst ett år från startdatumet.',
      status: { ACTIVE: 'Gäller', UPCOMING: 'Kommande', ENDED: 'Har upphört', REVOKED: 'Avslutad' },
    },
    attest: {
      standInFor: 'Ersättare för %{name}',
    },
    auditEvents: {
      entityType: { stand_in: 'Ersättare' },
      action: { STAND_IN_NAMED: 'Ersättare utsedd', STAND_IN_REVOKED: 'Ersättare avslutad' },
    },
  },
};
