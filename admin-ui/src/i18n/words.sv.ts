/**
 * Words the issue-13 "words" pass added: the audit log's remaining action names, what "Avslutad"
 * means, the delegation page's search heading and its messages that say what happened.
 */
export const svWords = {
  beh: {
    auditEvents: {
      entityType: { mass_order_batch: 'Massbeställning' },
      action: {
        MASS_ORDER_PLACED: 'Massbeställning skickad',
        ATTEST_SIGN_REQUESTED: 'Signering av attest begärd',
        SIGN_REQUEST_SIGNED: 'Signerad',
        SIGN_REQUEST_FAILED: 'Signeringen misslyckades',
        SIGNING_CERTIFICATE_ISSUED: 'Signeringscertifikat utfärdat',
        SIGNING_CERTIFICATE_LOCKED: 'Signeringscertifikat spärrat efter fel PIN',
        SIGNING_CERTIFICATE_UNLOCKED: 'Signeringscertifikat upplåst',
        SIGNING_PIN_REJECTED: 'Fel PIN vid signering',
      },
      entityLabel: {
        unknownOrder: 'Beställning (finns inte längre)',
      },
    },
    words: {
      audit: { subject: 'Avser' },
      completed: {
        explanation: 'Avslutad betyder utförd: uppdragen eller behörigheterna är införda.',
        listNote:
          'Status Avslutad betyder att beställningen är utförd: uppdragen eller behörigheterna är införda.',
      },
      delegations: {
        searchHeading: 'Sök befintlig delegering',
        searchLead: 'Filtrera på delegat, vårdenhet, vem som beviljade och status.',
        created: 'Delegeringen till %{name} för %{unit} är skapad, giltig från %{from} till %{to}.',
        createdUntilFurtherNotice:
          'Delegeringen till %{name} för %{unit} är skapad, giltig från %{from} tills vidare.',
        limited: 'Delegeringen till %{name} för %{unit} begränsades: %{what}.',
        limitedValidTo: 'giltig till %{to}',
        limitedRights: 'rättigheter %{rights}',
        limitedAssignments: 'uppdrag %{assignments}',
      },
    },
  },
};
