import type { svAccess } from './access.sv';
import type { DomainMessages } from './sv';

export const enAccess: DomainMessages<typeof svAccess> = {
  resources: {
    delegations: {
      name: 'Delegation |||| Delegations',
      fields: {
        id: 'Id',
        q: 'Search',
        delegateId: 'Delegate',
        delegateName: 'Delegate',
        careUnitId: 'Care unit',
        careUnitName: 'Care unit',
        grantorId: 'Granted by',
        grantorName: 'Granted by',
        rights: 'Rights',
        scope: 'Scope',
        assignmentIds: 'Assignments',
        assignmentNames: 'Assignments',
        validFrom: 'Valid from',
        validTo: 'Valid to',
        status: 'Status',
        createdAt: 'Created',
      },
    },
  },
  beh: {
    auth: {
      signedInAs: 'Signed in: %{name} (%{userId})',
    },
    menu: {
      start: 'Start page',
      help: 'Manuals',
    },
    signIn: {
      region: 'Region Västra Götaland',
      service: 'Access ordering (BEH)',
      heading: 'I identify myself with Region Västra Götaland',
      chooseMethod: 'Choose a sign-in method',
      saml: {
        cardThisDevice: 'SITHS card on this device',
        instructions:
          'Insert your TjänsteId+ card (SITHS) in the card reader and identify yourself. Enter your personal code.',
      },
      dev: {
        heading: 'Developer sign-in',
        hint: 'Only in development and test. Choose a demo person to sign in as.',
        none: 'There are no demo persons in the directory.',
      },
      unavailable: 'Sign-in cannot be reached right now. Please try again shortly.',
      noMethods: 'No sign-in method is configured for the portal. Contact the administrators.',
      failed: 'Sign-in failed.',
    },
    start: {
      pageTitle: 'Start page',
      welcome: 'Welcome to access ordering!',
      noTiles:
        'You have no rights to order, approve or delegate. If you need to order care staff assignments, your head of unit can give you a delegation.',
      myOrders: 'My orders',
      allOrders: 'All orders',
      vmuSingle: {
        title: 'Care staff assignments (VMU) – one user',
        description: 'Order VMU access for one user.',
        manual: 'Manual for care staff assignments',
      },
      vmuMass: {
        title: 'Care staff assignments (VMU) – several users',
        description: 'Order VMU access for several users.',
        manual: 'Manual for mass orders (VMU)',
      },
      attest: {
        title: 'Approve orders',
        description: 'Approve the orders waiting for you.',
        manual: 'Manual for approval',
      },
      delegations: {
        title: 'Delegations',
        manual: 'Manual for delegation',
        create: 'New delegation',
        manage: 'Show/manage delegations',
        search: 'Search delegations',
      },
    },
    help: {
      backToStart: 'To the start page',
      swedishOnly: 'The manuals are available in Swedish only.',
    },
    delegations: {
      right: { ORDER: 'Order', ATTEST: 'Approve' },
      status: { ACTIVE: 'Active', FUTURE: 'Upcoming', ENDED: 'Ended', REVOKED: 'Revoked' },
      action: { CREATED: 'Created', LIMITED: 'Limited', REVOKED: 'Revoked' },
      scope: { UNIT: 'The whole care unit', CHOSEN: 'Chosen assignments' },
      wholeUnit: 'The whole care unit',
      untilFurtherNotice: 'Until further notice',
      noEngagement: 'No active engagement',
      searchHint: 'Delegate, care unit or operation',
      createTitle: 'New delegation',
      showTitle: 'Delegation to %{name}',
      sections: {
        who: 'Care unit and delegate',
        what: 'Rights and scope',
        when: 'Validity',
      },
      delegateHint: 'Search by name, VGR id or administration',
      validToHint: 'Leave empty for until further notice',
      unitHint: "Search by the care unit's name or HSA id",
      noUnitFound: 'No care unit found',
      chooseUnitFirst: 'Choose a care unit first',
      noGrantableUnits: 'You are not head of any care unit, so you cannot grant delegations.',
      unitsFailed: 'The care units you may delegate for could not be loaded: %{message}',
      catalogueLoading: "Loading the care unit's assignments …",
      catalogueFailed: "The care unit's assignments could not be loaded: %{message}",
      emptyCatalogue: 'The care unit has no assignments in the catalogue',
      validation: {
        beforeToday: 'The date cannot be earlier than today.',
        validToBeforeFrom: 'Valid to cannot be before valid from.',
        chooseAssignments: 'Choose at least one assignment.',
        keepEndDate: 'An end date can be moved earlier but not removed.',
        onlyEarlier: 'The end date can only be moved earlier.',
      },
      actions: { limit: 'Limit', revoke: 'Revoke' },
      revokeDialog: {
        title: 'Revoke the delegation?',
        content:
          '%{name} immediately loses the rights this delegation gives for %{unit}. This cannot be undone.',
      },
      limitDialog: {
        title: 'Limit the delegation to %{name}',
        validToHint: 'An earlier end date, today at the earliest',
      },
      notifications: {
        revoked: 'The delegation is revoked',
        limited: 'The delegation is limited',
        nothingToLimit: 'You have not changed anything',
      },
      events: 'Events',
      noEvents: 'No events',
      event: { at: 'Time', actor: 'Who', what: 'What' },
      revokedAtBy: 'Revoked %{at} by %{name}',
    },
  },
};
