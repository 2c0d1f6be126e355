import type { svReports } from './reports.sv';
import type { DomainMessages } from './sv';

/** English texts of the reports; the same keys as reports.sv.ts. */
export const enReports: DomainMessages<typeof svReports> = {
  beh: {
    menu: { holdingsOnDate: 'Holdings on a date' },
    reports: {
      exportCsv: 'Export CSV',
      noOrder: 'no order in BEH',
      showHistory: 'Show history',
      fields: {
        person: 'Name',
        userId: 'VGR-ID',
        hsaId: 'HSA-id',
        assignment: 'Assignment',
        validFrom: 'From',
        validTo: 'To',
        order: 'Order',
        attestedBy: 'Attested by',
        day: 'Date',
        what: 'Event',
        unit: 'Care unit/operation',
        who: 'Orderer, attestant, delegated by',
      },
      holdings: {
        title: 'Holdings on a date',
        intro:
          "Who held the care unit's assignments on a date, from and to when, through which order and who attested it. Click a row for the person's history.",
        unit: 'Care unit',
        noUnits: 'No care units to choose',
        assignment: 'Assignment',
        allAssignments: 'All assignments',
        date: 'Date',
        choose: 'Choose a care unit and a date.',
        empty: 'Nobody held the assignments on that date.',
        count: '%{smart_count} holding |||| %{smart_count} holdings',
      },
      history: {
        title: 'History',
        titleOf: 'History of %{name}',
        intro: 'Assignments held, order lines and delegations, in time order.',
        empty: 'BEH has nothing about this person.',
        kind: { HOLDING: 'Holding', ORDER_LINE: 'Order', DELEGATION: 'Delegation' },
        type: { GRANT: 'New', REVOKE: 'End', CHANGE: 'Change' },
        status: {
          AWAITING_ATTEST: 'Awaiting attest',
          APPROVED: 'Attested',
          COMPLETED: 'Completed',
          REJECTED: 'Rejected',
          CANCELLED: 'Cancelled',
        },
        line: { PENDING: 'Pending', DONE: 'Done', REMOVED: 'Removed', REJECTED: 'Rejected' },
        lineIs: 'line %{status}',
        right: { order: 'order', attest: 'attest' },
        grantedBy: 'Delegated by %{name}',
        revoked: 'revoked %{at}',
        throughOrder: 'Through %{order}, attested by %{attestant} %{at}',
        orderer: 'Orderer',
        attestant: 'Attestant',
        decided: 'decided',
        completed: 'carried out',
      },
    },
  },
};
