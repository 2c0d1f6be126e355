import type { PartRole, TemplateRole } from '../access-catalogue/holdings.js';

/** One system's share of a line: the roles to grant and to revoke there. */
export interface SystemShare {
  systemId: string;
  systemName: string;
  fulfilment: 'MANUAL' | 'SCIM';
  grant: PartRole[];
  revoke: PartRole[];
}

/** What a line asks for, as the roles to compute from. */
export interface LineRoles {
  type: 'GRANT' | 'REVOKE' | 'CHANGE';
  /** The line's template's roles (for CHANGE the new template's). */
  roles: readonly TemplateRole[];
  /** CHANGE: the replaced template's roles. */
  previousRoles: readonly TemplateRole[];
  /** The roles the person keeps through other templates held (not those this order removes). */
  keptRoles: ReadonlySet<string>;
}

const partRole = ({ roleId, name, scimGroup }: TemplateRole): PartRole => ({ roleId, name, scimGroup });

/**
 * The roles each system must change for a line (contract, Carrying out):
 * - GRANT: the template's roles;
 * - REVOKE: the template's roles but those the person still has through other held templates;
 * - CHANGE: revoke the old template's roles the new one lacks (but those kept through others),
 *   grant the new one's roles the old one lacks.
 * Systems with nothing to change are left out (they get no part).
 */
export function systemShares(line: LineRoles): SystemShare[] {
  const ids = (roles: readonly TemplateRole[]) => new Set(roles.map((r) => r.roleId));
  let grant: TemplateRole[] = [];
  let revoke: TemplateRole[] = [];
  if (line.type === 'GRANT') {
    grant = [...line.roles];
  } else if (line.type === 'REVOKE') {
    revoke = line.roles.filter((r) => !line.keptRoles.has(r.roleId));
  } else {
    const next = ids(line.roles);
    const before = ids(line.previousRoles);
    revoke = line.previousRoles.filter((r) => !next.has(r.roleId) && !line.keptRoles.has(r.roleId));
    grant = line.roles.filter((r) => !before.has(r.roleId));
  }
  const bySystem = new Map<string, SystemShare>();
  const share = (r: TemplateRole) => {
    let s = bySystem.get(r.systemId);
    if (!s) {
      s = { systemId: r.systemId, systemName: r.systemName, fulfilment: r.fulfilment, grant: [], revoke: [] };
      bySystem.set(r.systemId, s);
    }
    return s;
  };
  for (const r of grant) share(r).grant.push(partRole(r));
  for (const r of revoke) share(r).revoke.push(partRole(r));
  return [...bySystem.values()]
    .filter((s) => s.grant.length + s.revoke.length > 0)
    .sort((a, b) => a.systemName.localeCompare(b.systemName, 'sv'));
}
