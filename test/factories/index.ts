/**
 * Factories: worlds built through the application's own services, with unique values, so that
 * a test needs nothing of the demo seed and runs in any order. For example:
 *
 *   const team = await newTeam(t);                          // unit, head, orderer, attestant
 *   const nurse = await newPerson(t, { unit: team.unit });  // engaged there
 *   await newHolding(t, { holder: nurse, unit: team.unit, assignment: 'vob' });
 *   const order = await newOrder(t, { orderer: team.orderer, attestant: team.attestant,
 *     endUser: nurse, assignments: [team.unit.assignments.kval], decision: 'APPROVE' });
 *   const client = await signedIn(t, team.orderer);         // over HTTP, as the admin UI
 *
 * A test that needs no demo persona can run on an empty database: createTestApp({}, { seeded: false }).
 */
export { actorFor, signedIn } from './actors.js';
export { newDelegation, type NewDelegation, revokeDelegation } from './delegations.js';
export {
  type AdministrationMade,
  type AssignmentMade,
  type CareUnitMade,
  type CatalogueKey,
  endEngagements,
  makeHead,
  newAdministration,
  newAdministrator,
  newCareUnit,
  type NewCareUnit,
  newEngagement,
  newPerson,
  type NewPerson,
  type PersonMade,
  STANDARD_CATALOGUE,
} from './directory.js';
export {
  attest,
  newHolding,
  type NewHolding,
  newOrder,
  type NewOrder,
  type OrderMade,
  placeOrders,
  type PlaceOrders,
} from './orders.js';
export { newTeam, type NewTeam, type Team } from './team.js';
export { asOf } from './time.js';
export { nextNumber, uniqueHsaId, uniquePersonnummer, uniqueSuffix } from './unique.js';
