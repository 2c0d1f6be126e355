/**
 * A care unit with the people the order and attest rules turn on, like the demo's Solgläntan
 * but made fresh: its head, an orderer (a delegation to order and attest) and an attestant (a
 * delegation to attest only), each engaged at the unit.
 */
import type { DelegationItem } from '../../server/src/delegations/delegation.types.js';
import type { TestApp } from '../support/test-app.js';
import { newDelegation } from './delegations.js';
import {
  type CareUnitMade,
  makeHead,
  type NewCareUnit,
  newCareUnit,
  newPerson,
  type NewPerson,
  type PersonMade,
} from './directory.js';

export interface Team {
  unit: CareUnitMade;
  head: PersonMade;
  /** ORDER and ATTEST on the whole unit, by delegation. */
  orderer: PersonMade;
  /** ATTEST only on the whole unit, by delegation. */
  attestant: PersonMade;
  /** The two delegations, granted by the head today. */
  delegations: { orderer: DelegationItem; attestant: DelegationItem };
}

export interface NewTeam extends Omit<NewCareUnit, 'head'> {
  /** Names, titles and the like of the three (their engagement is always at the unit). */
  people?: { head?: NewPerson; orderer?: NewPerson; attestant?: NewPerson };
}

export async function newTeam(t: TestApp, { people = {}, ...unitOptions }: NewTeam = {}): Promise<Team> {
  const unit = await newCareUnit(t, { ...unitOptions, head: null });
  const head = await newPerson(t, { title: 'Verksamhetschef', ...people.head, unit });
  await makeHead(t, unit, head);
  const orderer = await newPerson(t, { title: 'Enhetschef', ...people.orderer, unit });
  const attestant = await newPerson(t, { title: 'Administratör', ...people.attestant, unit });
  const delegations = {
    orderer: await newDelegation(t, { unit, delegate: orderer, rights: ['ORDER', 'ATTEST'] }),
    attestant: await newDelegation(t, { unit, delegate: attestant, rights: ['ATTEST'] }),
  };
  return { unit, head, orderer, attestant, delegations };
}
