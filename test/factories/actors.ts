/**
 * Acting as a factory-made person: in process (an Actor, for the services that take one) or over
 * HTTP (a signed-in client, as the admin UI is).
 */
import { RightsService } from '../../server/src/delegations/rights.service.js';
import type { Actor, SessionPerson } from '../../server/src/common/auth/request-auth.js';
import { PersonsService } from '../../server/src/directory/persons.service.js';
import { type Client, signIn } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The person and their rights as the AuthGuard derives them for a request, from the directory
 * and the delegations as they are now (rule 23, Rights are derived, never stored: ask again after
 * a change).
 */
export async function actorFor(t: TestApp, person: { id: string }): Promise<Actor> {
  const detail = await t.app.get(PersonsService).detail(person.id);
  const sessionPerson: SessionPerson = {
    id: detail.id,
    userId: detail.userId,
    hsaId: detail.hsaId,
    firstName: detail.firstName,
    lastName: detail.lastName,
    title: detail.title,
    email: detail.email,
    isAdministrator: detail.isAdministrator,
  };
  return { person: sessionPerson, rights: await t.app.get(RightsService).forPerson(sessionPerson) };
}

/** A browser-like client signed in (development sign-in) as `person`. */
export function signedIn(t: TestApp, person: { userId: string }): Promise<Client> {
  return signIn(t, person.userId);
}
