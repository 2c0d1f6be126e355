import type { PartRole } from '../../access-catalogue/holdings.js';
import { type ScimClient, ScimError, type ScimUser } from './scim-client.js';

/** The end user as the SCIM server knows them: externalId = HSA-id, userName = VGR-ID. */
export interface ScimEndUser {
  hsaId: string;
  userId: string;
  firstName: string;
  lastName: string;
}

/** What one delivery did, for logs and tests. */
export interface DeliveryOutcome {
  userCreated: boolean;
  added: string[];
  removed: string[];
}

/**
 * Carries out one SCIM part against its server so that, afterwards, the user exists and is a
 * member of every grant role's group and of no revoke role's group. Each step first reads what
 * is there and changes only what differs, so a retry after a partial success (some groups done,
 * then a failure) repeats nothing: no second user, no member added twice.
 *
 * - The user is found by externalId (the HSA-id) and created when missing, and only when there
 *   is something to grant (a revoke-only part for a user the server does not know has nothing to
 *   remove). A create refused as a conflict (another delivery created it meanwhile) is found again.
 * - A grant role's group that does not exist is an error (the catalogue names a group the server
 *   does not have); a revoke role's missing group has no member to remove.
 */
export async function deliverPart(
  client: ScimClient,
  person: ScimEndUser,
  grant: readonly PartRole[],
  revoke: readonly PartRole[],
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { userCreated: false, added: [], removed: [] };
  const groupOf = (role: PartRole): string => {
    const group = role.scimGroup?.trim();
    if (!group) throw new ScimError(`Rollen ${role.name} saknar SCIM-grupp i behörighetskatalogen.`);
    return group;
  };
  // Checked before anything is changed: a catalogue fault is not half carried out.
  const grants = grant.map((role) => ({ role, group: groupOf(role) }));
  const revokes = revoke.map((role) => ({ role, group: groupOf(role) }));

  let user = await client.userByExternalId(person.hsaId);
  if (!user) {
    if (grants.length === 0) return outcome;
    const created = await createUser(client, person);
    user = created.user;
    outcome.userCreated = created.created;
  } else if (grants.length > 0 && user.active === false) {
    await client.activate(user.id);
  }
  const userId = user.id;

  for (const { group } of grants) {
    const found = await client.groupNamed(group);
    if (!found) throw new ScimError(`Gruppen "${group}" finns inte hos SCIM-servern.`);
    if (found.members?.includes(userId)) continue;
    await client.addMember(found.id, userId);
    outcome.added.push(group);
  }
  for (const { group } of revokes) {
    const found = await client.groupNamed(group);
    if (!found || !found.members?.includes(userId)) continue;
    await client.removeMember(found.id, userId);
    outcome.removed.push(group);
  }
  return outcome;
}

async function createUser(
  client: ScimClient,
  person: ScimEndUser,
): Promise<{ user: ScimUser; created: boolean }> {
  try {
    const user = await client.createUser({
      userName: person.userId,
      externalId: person.hsaId,
      givenName: person.firstName,
      familyName: person.lastName,
    });
    return { user, created: true };
  } catch (error) {
    // 409: taken meanwhile (another part of the same person, in this or another process).
    if (error instanceof ScimError && error.status === 409) {
      const again = await client.userByExternalId(person.hsaId);
      if (again) return { user: again, created: false };
    }
    throw error;
  }
}
