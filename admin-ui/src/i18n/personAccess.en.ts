import type { svPersonAccess } from './personAccess.sv';
import type { DomainMessages } from './sv';

/** English texts of the person lookup log (personAccess.sv.ts is the reference). */
export const enPersonAccess: DomainMessages<typeof svPersonAccess> = {
  resources: {
    'person-access-log': {
      name: 'Lookup |||| Lookup log',
      fields: {
        at: 'Time',
        actorName: 'Who',
        personName: 'Person',
        action: 'Event',
        lookedUp: 'Looked up by',
        purpose: 'Purpose',
        personId: 'Person',
        userId: 'User',
        from: 'From',
        to: 'To',
      },
    },
  },
  beh: {
    personAccess: {
      tab: 'Lookups',
      detailsTab: 'Details',
      tabNote: 'Who looked the person up or opened this page, when and from where.',
      none: 'Nobody has looked the person up yet.',
      nobody: 'No match',
      notAnswered: 'not shown',
      client: 'API client %{name}',
      action: { LOOKUP: 'Lookup', DETAIL: 'Opened' },
      by: {
        id: 'Opened',
        personnummer: 'Personnummer',
        passportNumber: 'Passport number',
        hsaId: 'HSA-id',
        userId: 'VGR-ID',
      },
      purpose: {
        wizard: 'Order (wizard)',
        'mass-order': 'Mass order',
        'person-page': 'Person page',
        'person-edit': 'Edit person',
        delegation: 'Delegation',
        order: 'Order',
        attest: 'Attest',
        api: 'API',
      },
    },
  },
};
