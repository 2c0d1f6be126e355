import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { idFilter, type FilterSql, type ListSpec, listRows, nameFilter, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import {
  addError,
  conflict,
  type FieldErrors,
  invalidFields,
  notFound,
} from '../directory/directory.errors.js';
import {
  joinPerson,
  personExistsSql,
  personHsaIdSql,
  personNameSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import type { CreateSystemAdministratorDto } from './system-administrators.dto.js';

/*
 * Systemadministratörer (issue 14, Carrying out): who carries out a system's parts by hand.
 * Administrators assign them per system; each write is one audit event. A row is the pair
 * (system, person); its id in the API is "systemId:personId".
 */

export class SystemAdministratorItem {
  @Prop.text({ description: '"systemId:personId".' }) id!: string;
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
  @Prop.id() personId!: string;
  @Prop.text() personName!: string;
  @Prop.text() personUserId!: string;
  @Prop.text() personHsaId!: string;
  @Prop.dateTime() createdAt!: Date;
}

const ID_SQL = `(sa.system_id::text || ':' || sa.person_id::text)`;

/** The composite ids `systemId:personId` of a getMany (react-admin's `id` filter). */
const compositeIdFilter: FilterSql = (filter, key, p) => {
  const raw = filter[key];
  const ids = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw]).map(String);
  if (ids.length === 0) return undefined;
  return `${ID_SQL} = ANY(${p.add(ids.map((id) => id.toLowerCase()))}::text[])`;
};

export const SYSTEM_ADMINISTRATOR_LIST: ListSpec = {
  resource: 'system-administrators',
  select: `${ID_SQL} AS id, sa.system_id AS "systemId", s.name AS "systemName", sa.person_id AS "personId",
    ${personNameSql('p')} AS "personName", ${personUserIdSql('p')} AS "personUserId",
    ${personHsaIdSql('p')} AS "personHsaId", sa.created_at AS "createdAt"`,
  from: `system_administrator sa JOIN local_system s ON s.id = sa.system_id ${joinPerson('p', 'sa.person_id')}`,
  idColumn: ID_SQL,
  filters: {
    id: compositeIdFilter,
    systemId: idFilter('sa.system_id'),
    personId: idFilter('sa.person_id'),
    q: nameFilter('p.first_name', 'p.last_name', 'p.user_id', 's.name'),
  },
  sortable: {
    systemName: 's.name COLLATE beh_sv',
    personName: 'p.last_name COLLATE beh_sv',
    createdAt: 'sa.created_at',
  },
  defaultSort: ['systemName', 'ASC'],
  tieBreak: 's.name COLLATE beh_sv, p.last_name COLLATE beh_sv, p.first_name COLLATE beh_sv, sa.person_id',
};

const parseId = (id: string): { systemId: string; personId: string } | undefined => {
  const [systemId, personId, ...rest] = id.split(':');
  return rest.length === 0 && isUuid(systemId) && isUuid(personId)
    ? { systemId: systemId.toLowerCase(), personId: personId.toLowerCase() }
    : undefined;
};

@Injectable()
export class SystemAdministratorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  list(raw: RawListQuery): Promise<Page<SystemAdministratorItem>> {
    return listRows<SystemAdministratorItem>(this.db, SYSTEM_ADMINISTRATOR_LIST, raw, {
      today: this.clock.today(),
    });
  }

  async get(id: string, db: DataSource | EntityManager = this.db): Promise<SystemAdministratorItem> {
    const key = parseId(id);
    const [item] = key
      ? await db.query<SystemAdministratorItem[]>(
          `SELECT ${SYSTEM_ADMINISTRATOR_LIST.select} FROM ${SYSTEM_ADMINISTRATOR_LIST.from}
            WHERE sa.system_id = $1 AND sa.person_id = $2`,
          [key.systemId, key.personId],
        )
      : [];
    if (!item) throw notFound('Systemadministratören');
    return item;
  }

  create(actorId: string, dto: CreateSystemAdministratorDto): Promise<SystemAdministratorItem> {
    const systemId = dto.systemId.toLowerCase();
    const personId = dto.personId.toLowerCase();
    return this.db.transaction(async (tx) => {
      const errors: FieldErrors = {};
      const [found] = await tx.query<{ system: boolean; person: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM local_system WHERE id = $1) AS system, ${personExistsSql('$2')} AS person`,
        [systemId, personId],
      );
      if (!found.system) addError(errors, 'systemId', 'Systemet finns inte.');
      if (!found.person) addError(errors, 'personId', 'Personen finns inte.');
      if (Object.keys(errors).length > 0) throw invalidFields(errors);
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO system_administrator (system_id, person_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING system_id`,
        [systemId, personId, this.clock.now()],
      );
      if (inserted.length === 0) {
        throw conflict({ personId: ['Personen är redan systemadministratör för systemet.'] });
      }
      await this.audit.append(tx, {
        actorId,
        action: 'SYSTEM_ADMINISTRATOR_CREATED',
        entityType: 'system_administrator',
        entityId: systemId,
        after: { systemId, personId },
      });
      return this.get(`${systemId}:${personId}`, tx);
    });
  }

  remove(actorId: string, id: string): Promise<SystemAdministratorItem> {
    return this.db.transaction(async (tx) => {
      const item = await this.get(id, tx);
      await tx.query(`DELETE FROM system_administrator WHERE system_id = $1 AND person_id = $2`, [
        item.systemId,
        item.personId,
      ]);
      await this.audit.append(tx, {
        actorId,
        action: 'SYSTEM_ADMINISTRATOR_DELETED',
        entityType: 'system_administrator',
        entityId: item.systemId,
        before: { systemId: item.systemId, personId: item.personId },
      });
      return item;
    });
  }
}
