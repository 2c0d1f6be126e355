import type { EntityManager } from 'typeorm';
import { joinPerson, personEmailSql, personNameSql } from '../directory/directory.reads.js';

/** A system's administrator as mails need them. */
export interface SystemAdministratorContact {
  systemId: string;
  personId: string;
  name: string;
  email: string | null;
}

/** The administrators of the systems (system_administrator), by name. */
export async function administratorsOfSystems(
  m: EntityManager,
  systemIds: readonly string[],
): Promise<SystemAdministratorContact[]> {
  if (systemIds.length === 0) return [];
  return m.query<SystemAdministratorContact[]>(
    `SELECT sa.system_id AS "systemId", sa.person_id AS "personId", ${personNameSql('p')} AS name,
            ${personEmailSql('p')} AS email
       FROM system_administrator sa
       ${joinPerson('p', 'sa.person_id')}
      WHERE sa.system_id = ANY($1::uuid[])
      ORDER BY sa.system_id, ${personNameSql('p')} COLLATE beh_sv, sa.person_id`,
    [[...new Set(systemIds)]],
  );
}

/** SQL: joins the system `alias` (local_system: name, fulfilment). */
export const joinLocalSystem = (alias: string, idSql: string) =>
  `JOIN local_system ${alias} ON ${alias}.id = ${idSql}`;
