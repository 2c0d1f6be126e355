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
  // Revisorer (issue 17): the read-only auditors, assigned by administrators.
  'auditors',
]);

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/**
 * Attest rights of the user's own on some unit or verksamhet. Not `tiles.attest`, which a stand-in
 * with no rights of their own is served too (rule 41): they may not name a stand-in themselves.
 */
export const attestsInOwnRight = (me: Me): boolean =>
  me.units.some((u) => u.attest) || me.operations.some((o) => o.attest);

/**
 * What the UI offers this user: menu entries, pages and buttons. The server decides for real on
 * every request; this only keeps the UI from offering what would be refused.
 */
export function canAccess(me: Me, resource: string, action: string): boolean {
  const { administrator, headOfUnit, delegate } = me.roles;
  // Revisorer: reads orders, holdings, delegations and the audit log region-wide; no button that
  // changes anything (the server refuses them every write, whatever the UI offers).
  const auditor = me.roles.auditor ?? false;
  if (resource === 'held-assignments') return administrator || (auditor && READ_ACTIONS.has(action));
  if (ADMIN_RESOURCES.has(resource)) return administrator;
  // The reports (issue 17: "Innehav på datum", a person's history): administrators and heads of
  // unit, for their own units and persons (the server's call), and auditors, region-wide.
  if (resource.startsWith('reports/'))
    return (administrator || headOfUnit || auditor) && READ_ACTIONS.has(action);
  switch (resource) {
    // The systems guide ("which assignment does a system need") is for everyone; its upkeep is not.
    case 'systems':
      return READ_ACTIONS.has(action) || administrator;
    case 'delegations':
      if (READ_ACTIONS.has(action)) return administrator || headOfUnit || delegate || auditor;
      // Granting, limiting and revoking: heads of unit for their units, administrators for all.
      return me.tiles.delegations;
    // Who sees which order is the server's call (orderer, end user, attestant, rights on the unit).
    case 'orders':
      return READ_ACTIONS.has(action);
    // The approval queue holds only orders that name me as attestant (the server's call again).
    case 'attest/queue':
    case 'attest/batches':
      return action === 'list';
    // Ersättare (rule 41): everyone lists their own (a stand-in may hold no rights); naming one
    // needs attest rights of one's own (a stand-in's do not chain), ending one is the attestant's
    // (or an administrator's) and the server's call.
    case 'stand-ins':
      if (action === 'list' || action === 'delete')
        return !me.roles.auditor || administrator || attestsInOwnRight(me);
      return action === 'create' && attestsInOwnRight(me);
    // The audit log: administrators and auditors, read only.
    case 'audit-events':
      return (administrator || auditor) && READ_ACTIONS.has(action);
    // The outbox and the person lookup log: administrators, read only.
    case 'outbox':
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
