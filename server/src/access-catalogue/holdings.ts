import type { EntityManager } from 'typeorm';

/*
 * The templates people hold (access_holding) and the catalogue facts carrying out an access
 * order needs: each template's roles by system, with how the system is carried out. Used by the
 * fulfilment module; access_holding and the catalogue's tables are this module's.
 */

/** A system role as a part grants or revokes it (denormalised onto the part at hand-over). */
export interface PartRole {
  roleId: string;
  name: string;
  scimGroup: string | null;
}

export interface TemplateRole extends PartRole {
  systemId: string;
  systemName: string;
  fulfilment: 'MANUAL' | 'SCIM';
}

/** The roles of each template (by template id), every system's roles sorted by name. */
export async function templateRoles(
  m: EntityManager,
  templateIds: readonly string[],
): Promise<Map<string, TemplateRole[]>> {
  const ids = [...new Set(templateIds)];
  const result = new Map<string, TemplateRole[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = await m.query<(TemplateRole & { templateId: string })[]>(
    `SELECT tr.template_id AS "templateId", r.id AS "roleId", r.name, r.scim_group AS "scimGroup",
            s.id AS "systemId", s.name AS "systemName", s.fulfilment
       FROM access_template_role tr
       JOIN system_role r ON r.id = tr.system_role_id
       JOIN local_system s ON s.id = r.system_id
      WHERE tr.template_id = ANY($1::uuid[])
      ORDER BY s.name COLLATE beh_sv, r.name COLLATE beh_sv, r.id`,
    [ids],
  );
  for (const { templateId, ...role } of rows) result.get(templateId)?.push(role);
  return result;
}

/** Template and profession names by id (for summaries and mails). */
export async function catalogueNames(
  m: EntityManager,
  ids: { templateIds: readonly string[]; professionIds: readonly string[] },
): Promise<{ templates: Map<string, string>; professions: Map<string, string> }> {
  const [templates, professions] = await Promise.all([
    m.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM access_template WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids.templateIds)]],
    ),
    m.query<{ id: string; name: string }[]>(`SELECT id, name FROM profession WHERE id = ANY($1::uuid[])`, [
      [...new Set(ids.professionIds)],
    ]),
  ]);
  return {
    templates: new Map(templates.map((t) => [t.id, t.name])),
    professions: new Map(professions.map((p) => [p.id, p.name])),
  };
}

/** System names and how each is carried out, by id. */
export async function systemFacts(
  m: EntityManager,
  systemIds: readonly string[],
): Promise<Map<string, { name: string; fulfilment: 'MANUAL' | 'SCIM' }>> {
  const rows = await m.query<{ id: string; name: string; fulfilment: 'MANUAL' | 'SCIM' }[]>(
    `SELECT id, name, fulfilment FROM local_system WHERE id = ANY($1::uuid[])`,
    [[...new Set(systemIds)]],
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, fulfilment: r.fulfilment }]));
}

export interface Holding {
  personId: string;
  templateId: string;
  professionId: string;
  heldFrom: string;
}

/** The templates the persons hold. */
export async function holdingsOf(m: EntityManager, personIds: readonly string[]): Promise<Holding[]> {
  if (personIds.length === 0) return [];
  return m.query<Holding[]>(
    `SELECT person_id AS "personId", template_id AS "templateId", profession_id AS "professionId",
            to_char(held_from, 'YYYY-MM-DD') AS "heldFrom"
       FROM access_holding WHERE person_id = ANY($1::uuid[])
      ORDER BY person_id, template_id`,
    [[...new Set(personIds)]],
  );
}

/** A change of holdings made by a completed access order's line. */
export type HoldingChange =
  | {
      kind: 'ADD';
      personId: string;
      templateId: string;
      professionId: string;
      heldFrom: string;
      orderId: string;
    }
  | {
      kind: 'REPLACE';
      personId: string;
      previousTemplateId: string;
      templateId: string;
      professionId: string;
      heldFrom: string;
      orderId: string;
    }
  | { kind: 'REMOVE'; personId: string; templateId: string };

/**
 * Writes the changes in the caller's transaction: ADD inserts (or, held already, takes the new
 * profession and order), REPLACE removes the previous template and adds the new one, REMOVE
 * deletes.
 */
export async function changeAccessHoldings(
  m: EntityManager,
  changes: readonly HoldingChange[],
): Promise<void> {
  for (const change of changes) {
    if (change.kind === 'REMOVE' || change.kind === 'REPLACE') {
      const templateId = change.kind === 'REMOVE' ? change.templateId : change.previousTemplateId;
      await m.query(`DELETE FROM access_holding WHERE person_id = $1 AND template_id = $2`, [
        change.personId,
        templateId,
      ]);
    }
    if (change.kind === 'ADD' || change.kind === 'REPLACE') {
      await m.query(
        `INSERT INTO access_holding (person_id, template_id, profession_id, held_from, order_id)
         VALUES ($1, $2, $3, $4::date, $5)
         ON CONFLICT (person_id, template_id) DO UPDATE
           SET profession_id = EXCLUDED.profession_id, held_from = EXCLUDED.held_from, order_id = EXCLUDED.order_id`,
        [change.personId, change.templateId, change.professionId, change.heldFrom, change.orderId],
      );
    }
  }
}

/** SQL: joins the template `alias` (access_template: name). */
export const joinTemplate = (alias: string, idSql: string) =>
  `JOIN access_template ${alias} ON ${alias}.id = ${idSql}`;

/** SQL: left-joins the template `alias` (for a line's previous template, which may be none). */
export const leftJoinTemplate = (alias: string, idSql: string) =>
  `LEFT JOIN access_template ${alias} ON ${alias}.id = ${idSql}`;

/** SQL: joins the profession `alias` (profession: name). */
export const joinProfession = (alias: string, idSql: string) =>
  `JOIN profession ${alias} ON ${alias}.id = ${idSql}`;

/** SQL: left-joins the profession `alias`. */
export const leftJoinProfession = (alias: string, idSql: string) =>
  `LEFT JOIN profession ${alias} ON ${alias}.id = ${idSql}`;
