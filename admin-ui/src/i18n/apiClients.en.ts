import type { DomainMessages } from './sv';
import type { svApiClients } from './apiClients.sv';

/** English texts of the API clients (apiClients.sv.ts is the reference). */
export const enApiClients: DomainMessages<typeof svApiClients> = {
  resources: {
    'api-clients': {
      name: 'API client |||| API clients',
      fields: {
        q: 'Search',
        name: 'Name',
        scopes: 'Scopes',
        expiresOn: 'Valid through',
        status: 'Status',
        lastUsedAt: 'Last used',
        createdAt: 'Created',
        revokedAt: 'Revoked',
      },
    },
  },
  beh: {
    apiClients: {
      searchHint: 'Search by name',
      actions: 'Actions',
      createTitle: 'New API client',
      intro:
        'An API client is another system, such as the region’s service desk or reporting, that reads from BEH with a key of its own instead of a sign-in. Give it only the scopes it needs. Every call is recorded in the audit log under the client’s name.',
      scope: {
        'orders:read': 'Read orders and their status across the region',
        'holdings:read': 'Read who holds which assignments',
        'delegations:read': 'Read delegations across the region',
        'persons:lookup':
          'Look up a person by personnummer, passport number or HSA-id (the lookup is logged)',
      },
      scopesRequired: 'Choose at least one scope',
      expiresHelp: 'The last day the client may call. At most two years ahead; then create a new client.',
      expiresInPast: 'The date has passed',
      expiresTooLate: 'At most two years ahead',
      createdTitle: 'The API client is created',
      createdHeading: 'The API client %{name} is created',
      onceWarning:
        'Copy the key now and hand it safely to the system’s owners. It is shown this once and cannot be shown again: BEH keeps only a check value of it. If the key is lost, create a new client and revoke this one.',
      token: 'Key',
      usage: 'The system sends the key with every call in the header',
      copy: 'Copy the key',
      copied: 'The key is copied',
      copyFailed: 'Could not copy automatically. Select the key and copy it yourself.',
      done: 'Done',
      revoke: 'Revoke',
      revoked: 'The API client %{name} is revoked',
      revokeDialog: {
        title: 'Revoke the API client %{name}?',
        content:
          'The client’s key stops working at once and cannot be enabled again. The system using it can no longer call BEH.',
      },
      status: { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' },
    },
    auditEvents: {
      entityType: { api_client: 'API client' },
      action: {
        API_CLIENT_CREATED: 'API client created',
        API_CLIENT_REVOKED: 'API client revoked',
        API_CLIENT_CALL: 'Call by an API client',
      },
    },
  },
};
