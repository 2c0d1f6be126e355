/**
 * The access catalogue's records as /api/local-systems, /api/system-roles, /api/access-areas,
 * /api/access-operations, /api/professions and /api/access-templates answer them (issue 14).
 * Written from the contract until src/api/schema.d.ts describes them.
 */

export type Fulfilment = 'MANUAL' | 'SCIM';

export interface LocalSystem {
  id: string;
  name: string;
  description: string;
  owner: string;
  fulfilment: Fulfilment;
  /** Required for SCIM, null for MANUAL. */
  scimBaseUrl: string | null;
  /** Whether a SCIM token is kept; the token itself is never answered. */
  hasScimToken: boolean;
  /** Write only: sent to set or replace the token, never read back. */
  scimToken?: string;
  active: boolean;
  roleCount: number;
}

export interface SystemRole {
  id: string;
  systemId: string;
  systemName: string;
  name: string;
  description: string;
  /** The SCIM Group displayName the role maps to; required when the system is SCIM. */
  scimGroup: string | null;
}

export interface AccessArea {
  id: string;
  name: string;
  description: string;
  operationCount: number;
}

export interface AccessOperation {
  id: string;
  areaId: string;
  areaName: string;
  name: string;
  description: string;
  headPersonId: string;
  headName: string;
  headUserId: string;
  templateCount: number;
}

export interface Profession {
  id: string;
  name: string;
  templateCount: number;
}

export interface TemplateRole {
  id: string;
  name: string;
  systemId: string;
  systemName: string;
}

export interface AccessTemplate {
  id: string;
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  name: string;
  description: string;
  active: boolean;
  roleIds: string[];
  professionIds: string[];
  roles: TemplateRole[];
  professions: { id: string; name: string }[];
}
