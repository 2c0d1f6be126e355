import type { svWords } from './words.sv';

/** English of words.sv.ts. */
export const enWords: typeof svWords = {
  beh: {
    auditEvents: {
      entityType: { mass_order_batch: 'Mass order' },
      action: {
        MASS_ORDER_PLACED: 'Mass order sent',
        ATTEST_SIGN_REQUESTED: 'Signature of attest requested',
        SIGN_REQUEST_SIGNED: 'Signed',
        SIGN_REQUEST_FAILED: 'Signing failed',
        SIGNING_CERTIFICATE_ISSUED: 'Signing certificate issued',
        SIGNING_CERTIFICATE_LOCKED: 'Signing certificate locked after wrong PIN',
        SIGNING_CERTIFICATE_UNLOCKED: 'Signing certificate unlocked',
        SIGNING_PIN_REJECTED: 'Wrong PIN when signing',
      },
      entityLabel: {
        unknownOrder: 'Order (no longer exists)',
      },
    },
    words: {
      audit: { subject: 'Concerns' },
      completed: {
        explanation: 'Completed means carried out: the assignments or the access have been entered.',
        listNote:
          'Status Completed means that the order has been carried out: the assignments or the access have been entered.',
      },
      delegations: {
        searchHeading: 'Search existing delegations',
        searchLead: 'Filter by delegate, care unit, who granted it and status.',
        created: 'The delegation to %{name} for %{unit} has been created, valid from %{from} to %{to}.',
        createdUntilFurtherNotice:
          'The delegation to %{name} for %{unit} has been created, valid from %{from} until further notice.',
        limited: 'The delegation to %{name} for %{unit} was limited: %{what}.',
        limitedValidTo: 'valid to %{to}',
        limitedRights: 'rights %{rights}',
        limitedAssignments: 'assignments %{assignments}',
      },
    },
  },
};
