import type { svMassOrder } from './massOrder.sv';
import type { DomainMessages } from './sv';

export const enMassOrder: DomainMessages<typeof svMassOrder> = {
  beh: {
    massOrder: {
      title: 'Mass order of care staff assignments',
      tree: {
        heading: 'Order/cancel link to care staff assignments',
        help: 'Press the plus sign in front of a care unit to see its assignments. Press Edit users at the assignment you want to add users to or remove users from.',
        units: 'Care units you may order on',
        general: 'General assignments',
        special: 'Special assignments',
        editUsers: 'Edit users',
        noUnits:
          'There are no care units you may order on. Mass ordering needs a delegation for both ordering and attest, or being head of unit.',
      },
      edit: {
        heading: 'Edit users – %{assignment}, %{unit}',
        restored:
          'The order you started is back: %{add} to be added and %{remove} to be removed. It is kept in this tab until you send it or press Cancel.',
      },
      assignment: {
        careUnit: 'Care unit',
        administration: 'Administration',
        kind: 'Kind of assignment',
        purpose: 'Purpose',
        members: 'Users',
        memberCounts:
          '%{smart_count} holds it, %{pending} pending |||| %{smart_count} hold it, %{pending} pending',
      },
      columns: {
        firstName: 'First name',
        lastName: 'Last name',
        userId: 'VGR id',
        personnummer: 'Personal ID no.',
        organisation: 'Organisation',
        remove: 'Remove',
        status: 'Status',
      },
      members: {
        heading: 'Current users',
        help: 'Those who hold the assignment today or have it on order. Tick Remove for those who should no longer have it – each gets a revoke order.',
        filter: 'Search the users',
        holding: 'Holds the assignment',
        holdingSince: 'Holds the assignment since %{date}',
        pendingGrant: 'Pending order',
        pendingRevoke: 'Revoke pending',
        removeLabel: 'Remove %{name}',
        tickedCount: '%{smart_count} ticked for removal |||| %{smart_count} ticked for removal',
        undoAll: 'Untick all',
        none: 'Nobody holds the assignment.',
        noneFound: 'No user matches the search.',
      },
      add: {
        heading: 'Add users',
        help: 'Choose who should have the assignment. Search by first name, last name and/or VGR id and organisation – searching by VGR id alone is enough. Tick people in the search result and move them right with the arrows. Everyone to be added must be in the list on the right.',
      },
      search: {
        heading: 'Search for people',
        submit: 'Search',
        clear: 'Clear',
        needOne: 'Fill in at least one search field.',
      },
      dual: {
        hits: 'Search result',
        searchFirst: 'Search to see people here.',
        noHits: 'The search found nobody.',
        tickPage: 'Tick all on this page',
        tickOne: 'Tick %{name}',
        chosen: 'Users to add (%{smart_count}) |||| Users to add (%{smart_count})',
        filterChosen: 'Filter the list',
        noneChosen: 'No users have been moved here yet.',
        noneMatch: 'Nobody in the list matches the filter.',
        removeOne: 'Remove %{name} from the list',
        arrows: 'Move between the lists',
        moveSelected: 'Move ticked to the right',
        moveAll: 'Move every search hit to the right',
        moveBack: 'Move ticked back to the left',
        moveAllBack: 'Move everyone back to the left',
        moved: '%{smart_count} person was moved right. |||| %{smart_count} people were moved right.',
        skipped:
          '%{smart_count} could not be moved – the reason is shown by the name in the search result. |||| %{smart_count} could not be moved – the reasons are shown by the names in the search result.',
        movedBack:
          '%{smart_count} person was taken off the list. |||| %{smart_count} people were taken off the list.',
        confirmAllBack: {
          title: 'Empty the list?',
          content: 'All %{smart_count} users in the list on the right are taken out of the order.',
          confirm: 'Empty the list',
        },
      },
      blocked: {
        chosen: 'Already in the list',
        holds: 'Already holds the assignment',
        pending: 'Already has the assignment on order',
        noEngagement: 'Has no active engagement',
      },
      import: {
        open: 'Import list',
        title: 'Import list',
        help: 'Paste VGR ids or personal identity numbers, one per line (or separated by commas, semicolons or tabs), or choose a CSV file. Those found are put in the list on the right.',
        paste: 'VGR ids or personal identity numbers',
        tooLong: 'The list is too long: at most %{max} characters at a time. Split it up.',
        file: 'Choose CSV file',
        run: 'Import',
        close: 'Close',
        line: 'Line %{line}: %{value}',
        added:
          '%{smart_count} person was added to the list. |||| %{smart_count} people were added to the list.',
        problems: '%{smart_count} line could not be read. |||| %{smart_count} lines could not be read.',
        invalid: 'Invalid lines',
        notFound: 'Not found',
        noSuchPerson: 'Nobody with this VGR id or personal identity number',
        notAdded: 'Found but not added',
        duplicates: 'Duplicates (ignored)',
        duplicate: 'The same person is on an earlier line',
      },
      check: {
        run: 'Check',
        running: 'Checking…',
        help: 'Checks every person against the rules before the order is sent.',
        allOk:
          'Everyone can be ordered (%{smart_count} person). |||| Everyone can be ordered (%{smart_count} people).',
        stale:
          'The order has changed since the check. Check again, or send – everything is checked again then.',
        refused: '%{smart_count} person cannot be ordered |||| %{smart_count} people cannot be ordered',
        refusedHelp: 'Take them out of the order to send the rest.',
        person: 'User',
        type: 'Type',
        reason: 'Reason',
        dropOne: 'Take out of the order',
        dropOneLabel: 'Take out of the order: %{name}',
        dropAll: 'Take out everyone who cannot be ordered',
      },
      send: {
        heading: 'Send order',
        summary: '%{add} added and %{remove} removed on %{assignment}.',
        nothing: 'Add or remove at least one user.',
        attestantRequired: 'Choose an attestant.',
        sending: 'Sending…',
        cancel: 'Cancel',
        cancelTitle: 'Cancel the order?',
        cancelContent:
          'What you have put together is let go – %{add} to add and %{remove} to remove – and nothing is sent.',
        cancelConfirm: 'Cancel the order',
        cancelKeep: 'Go on with the order',
        cancelled: 'The order was cancelled. Nothing was sent, and the lists are empty.',
        blocked: 'Take out the people who cannot be ordered to send.',
      },
      warnings: {
        heading:
          'Warning for %{smart_count} person – confirm before sending |||| Warnings for %{smart_count} people – confirm before sending',
        why: 'A warning does not stop the order: there are good reasons for exceptions (someone about to start at the unit, for example) that you and the attestant can judge but the register cannot. The attestant sees the warning on the order.',
        warning: 'Warning',
        confirm:
          'I have seen the warning and want to order anyway. |||| I have seen the warnings and want to order anyway.',
        confirmFirst: 'Confirm the warnings under Check before sending.',
      },
      receipt: {
        numbers:
          'The order has %{smart_count} order: %{range}. |||| The order has %{smart_count} orders, order numbers %{range}.',
        orders: 'Orders in the batch',
        assignment: 'Assignment',
        counts: 'Scope',
        countsValue: '%{grants} grants, %{revokes} revokes',
        next: 'The attestant has been emailed about the whole order. Each user has an order of their own, attested and carried out one by one.',
        again: 'New order on the assignment',
        backToTree: 'To Order/cancel link to care staff assignments',
      },
    },
  },
};
