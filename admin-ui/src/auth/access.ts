import type { Me } from './types';

/** Directory data: grids for administrators only (others reach persons through pickers, not menus). */
const ADMIN_RESOURCES = new Set([
  'persons',
  'care-units',
  'assignments',
  'administrations',
  'care-providers',
  'engagements',
  'held-assignments',
  // The access catalogue of local and regional systems (issue 14): kept by administrators; the
  // ordering that will read it comes later.
  'local-systems',
  'system-roles',
  'access-areas',
  'access-operations',
  'professions',
  'access-templates',
  'system-administrators',
]);

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/**
 * What the UI offers this user: menu entries, pages and buttons. The server decides for real on
 * every request; this only keeps the UI from offering what would be refused.
 */
export function canAccess(me: Me, resource: string, action: string): boolean {
  const { administrator, headOfUnit, delegate } = me.roles;
  if (ADMIN_RESOURCES.has(resource)) return administrator;
  // The reports (issue 17: "Innehav på datum", a person's history): administrators and heads of
  // unit, for their own units and persons (the server's call); an auditor role would read them too.
  if (resource.startsWith('reports/')) return (administrator || headOfUnit) && READ_ACTIONS.has(action);
  switch (resource) {
    // The systems guide ("which assignment does a system need") is for everyone; its upkeep is not.
    case 'systems':
      return READ_ACTIONS.has(action) || administrator;
    case 'delegations':
      if (READ_ACTIONS.has(action)) return administrator || headOfUnit || delegate;
      // Granting, limiting and revoking: heads of unit for their units, administrators for all.
      return me.tiles.delegations;
    // Who sees which order is the server's call (orderer, end user, attestant, rights on the unit).
    case 'orders':
      return READ_ACTIONS.has(action);
    // The approval queue holds only orders that name me as attestant (the server's call again).
    case 'attest/queue':
    case 'attest/batches':
      return action === 'list';
    // The outbox, the audit log and the person lookup log: administrators (and an auditor role,
    // once there is one), read only.
    case 'outbox':
    case 'audit-events':
    case 'person-access-log':
      return administrator && READ_ACTIONS.has(action);
    // KIV (issue 15): the syncs ("Synka nu" is a button of the list), the writes back, which
    // administrators retry, and the drift, read only.
    case 'directory-sync-runs':
    case 'ldap-writes':
    case 'directory-drift':
      return administrator && (action === 'list' || action === 'show');
    // Att utföra: the systems' administrators' work items; administrators read them.
    case 'fulfilment':
      return (
        (administrator || ((me as { systems?: unknown[] }).systems?.length ?? 0) > 0) &&
        (action === 'list' || action === 'show')
      );
    // API clients: listed, created and revoked by administrators.
    case 'api-clients':
      return administrator && (action === 'list' || action === 'create');
    default:
      return false;
  }
}
