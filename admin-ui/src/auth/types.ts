/** What `GET /api/me` and the sign-in endpoints answer (docs/api-contract-auth.md). */
import type { Identifier } from 'react-admin';

export interface MePerson {
  id: Identifier;
  userId: string;
  hsaId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
}

export interface MeRoles {
  administrator: boolean;
  headOfUnit: boolean;
  delegate: boolean;
}

/** Where a right on a unit comes from: being its head, or a delegation. */
export type RightSource = 'HEAD' | 'DELEGATION';

export interface MeUnit {
  careUnitId: Identifier;
  careUnitName: string;
  careUnitHsaId: string;
  order: boolean;
  attest: boolean;
  delegate: boolean;
  /** null: the whole unit; otherwise only these assignments. */
  assignmentIds: Identifier[] | null;
  via: RightSource[];
}

/** Which start page tiles the server says this user is served by. */
export interface MeTiles {
  vmuSingle: boolean;
  vmuMass: boolean;
  attest: boolean;
  delegations: boolean;
}

export interface Me {
  person: MePerson;
  roles: MeRoles;
  units: MeUnit[];
  tiles: MeTiles;
}

/** The sign-in methods the server offers. */
export interface AuthMethods {
  saml: boolean;
  dev: boolean;
}

/** A demo persona offered by the development sign-in. */
export interface DevUser {
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  /** The persona's demo role, in Swedish. */
  description: string;
}
