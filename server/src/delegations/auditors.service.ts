import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { idFilter, type ListSpec, listRows, nameFilter, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { ProblemException } from '../common/problem.js';
import { conflict, notFound } from '../directory/directory.errors.js';
import {
  joinPerson,
  leftJoinPerson,
  personExistsSql,
  personHsaIdSql,
  personNameSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import type { CreateAuditorDto } from './auditors.dto.js';

/*
 * Revisorer (issue 17, point 4): the read-only auditors. Administrators assign and remove the role
 * per person; each write is one audit event in the same transaction, and the table's triggers bump
 * the person's rights version (migration Auditor), so their sessions see the change at once. A
 * row's id in the API is the person's id.
 */

export class AuditorItem {
  @Prop.id({ description: "The auditor's person id." }) id!: string;
  @Prop.id() personId!: string;
  @Prop.text() personName!: string;
  @Prop.text() personUserId!: string;
  @Prop.text() personHsaId!: string;
  @Prop.text({ nullable: true, description: 'Who assigned the role (null: no longer in the directory).' })
  assignedByName!: string | null;
  @Prop.dateTime() assignedAt!: Date;
}

export const AUDITOR_LIST: ListSpec = {
  resource: 'auditors',
  select: `au.person_id AS id, au.person_id AS "personId", ${personNameSql('p')} AS "personName",
    ${personUserIdSql('p')} AS "personUserId", ${personHsaIdSql('p')} AS "personHsaId",
    ${personNameSql('ab')} AS "assignedByName", au.assigned_at AS "assignedAt"`,
  from: `auditor au ${joinPerson('p', 'au.person_id')} ${leftJoinPerson('ab', 'au.assigned_by')}`,
  idColumn: 'au.person_id',
  filters: {
    id: idFilter('au.person_id'),
    personId: idFilter('au.person_id'),
    q: nameFilter('p.first_name', 'p.last_name', 'p.user_id'),
  },
  sortable: {
    personName: 'p.last_name COLLATE beh_sv',
    assignedAt: 'au.assigned_at',
  },
  defaultSort: ['personName', 'ASC'],
  tieBreak: 'p.last_name COLLATE beh_sv, p.first_name COLLATE beh_sv, au.person_id',
};

@Injectable()
export class AuditorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  list(raw: RawListQuery): Promise<Page<AuditorItem>> {
    return listRows<AuditorItem>(this.db, AUDITOR_LIST, raw, { today: this.clock.today() });
  }

  async get(id: string, db: DataSource | EntityManager = this.db): Promise<AuditorItem> {
    const [item] = isUuid(id)
      ? await db.query<AuditorItem[]>(
          `SELECT ${AUDITOR_LIST.select} FROM ${AUDITOR_LIST.from} WHERE au.person_id = $1`,
          [id.toLowerCase()],
        )
      : [];
    if (!item) throw notFound('Revisorn');
    return item;
  }

  create(actorId: string, dto: CreateAuditorDto): Promise<AuditorItem> {
    const personId = dto.personId.toLowerCase();
    return this.db.transaction(async (tx) => {
      const [found] = await tx.query<{ person: boolean }[]>(`SELECT ${personExistsSql('$1')} AS person`, [
        personId,
      ]);
      // A well-formed id of no person: the request is understood but names nobody (422).
      if (!found.person) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'unknown-person',
          'Personen finns inte.',
          {
            errors: { personId: ['Personen finns inte.'] },
          },
        );
      }
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO auditor (person_id, assigned_by, assigned_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING person_id`,
        [personId, actorId, this.clock.now()],
      );
      if (inserted.length === 0) throw conflict({ personId: ['Personen är redan revisor.'] });
      await this.audit.append(tx, {
        actorId,
        action: 'AUDITOR_ASSIGNED',
        entityType: 'auditor',
        entityId: personId,
        after: { personId },
      });
      return this.get(personId, tx);
    });
  }

  remove(actorId: string, id: string): Promise<AuditorItem> {
    return this.db.transaction(async (tx) => {
      const item = await this.get(id, tx);
      const deleted = await tx.query<unknown[]>(
        `DELETE FROM auditor WHERE person_id = $1 RETURNING person_id`,
        [item.personId],
      );
      // Removed by another request meanwhile: gone, as a second removal would say.
      if (deleted.length === 0) throw notFound('Revisorn');
      await this.audit.append(tx, {
        actorId,
        action: 'AUDITOR_REMOVED',
        entityType: 'auditor',
        entityId: item.personId,
        before: { personId: item.personId },
      });
      return item;
    });
  }
}
