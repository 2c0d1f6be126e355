/** What `GET /api/me` and the sign-in endpoints answer: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type MePerson = Schemas['MePerson'];
export type MeRoles = Schemas['MeRoles'];
/** Where a right on a unit comes from: being its head, or a delegation. */
export type RightSource = Schemas['RightSource'];
export type MeUnit = Schemas['MeUnit'];
/** Which start page tiles the server says this user is served by. */
export type MeTiles = Schemas['MeTiles'];
export type Me = Schemas['Me'];

/** The sign-in methods the server offers. */
export type AuthMethods = Schemas['AuthMethods'];
/** A demo persona offered by the development sign-in. */
export type DevUser = Schemas['DevUser'];
