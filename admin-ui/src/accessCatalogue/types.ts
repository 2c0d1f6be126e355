/**
 * The access catalogue's records as /api/local-systems, /api/system-roles, /api/access-areas,
 * /api/access-operations, /api/professions and /api/access-templates answer them (issue 14):
 * the server's own description (src/api/schema.d.ts).
 */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type Fulfilment = Schemas['Fulfilment'];

/** `hasScimToken` says whether a token is kept; `scimToken` is write only, sent to set or replace it. */
export type LocalSystem = Schemas['LocalSystemItem'] & { scimToken?: string };
/** `scimGroup`: the SCIM Group displayName the role maps to; required when the system is SCIM. */
export type SystemRole = Schemas['SystemRoleItem'];
export type AccessArea = Schemas['AccessAreaItem'];
export type AccessOperation = Schemas['AccessOperationItem'];
export type Profession = Schemas['ProfessionItem'];
export type TemplateRole = Schemas['TemplateRole'];
export type AccessTemplate = Schemas['AccessTemplateItem'];
