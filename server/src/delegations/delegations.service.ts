import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import { accessOperationExistsSql } from '../access-catalogue/operation.reads.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { findRow, listRows, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { catalogueOf } from '../directory/directory.facts.js';
import {
  assignmentsOfUnitCountSql,
  careUnitExistsSql,
  careUnitIsActiveSql,
  hasActiveEngagementSql,
  personExistsSql,
  personIsActiveSql,
} from '../directory/directory.reads.js';
import {
  type DelegationDetail,
  type DelegationItem,
  type DelegationSnapshot,
  type GrantableOperationItem,
  type GrantableUnit,
  type GrantableUnitItem,
} from './delegation.types.js';
import { delegationListSpec, type DelegationRow, findDelegation, toItem } from './delegations.queries.js';
import {
  ASSIGNMENTS_ONLY_FOR_UNITS,
  delegationNotFound,
  invalidDelegation,
  NO_ACTIVE_ENGAGEMENT,
  CARE_UNIT_INACTIVE,
  DELEGATE_INACTIVE,
  noLongerChangeable,
  notHeadOfOperation,
  notHeadOfUnit,
  notVisible,
  TARGET_REQUIRED,
  unitNotFound,
} from './delegations.errors.js';
import type { CreateDelegationDto, UpdateDelegationDto } from './dto/delegation.dto.js';
import { DelegationRecorder } from './delegation-recorder.js';
import { grantableOperationListSpec } from './grantable-operations.queries.js';
import { grantableUnitListSpec } from './grantable-units.queries.js';
import { limitDelegation } from './limit-rules.js';

const snapshot = (d: DelegationItem): DelegationSnapshot => ({
  rights: d.rights,
  assignmentIds: d.assignmentIds,
  validFrom: d.validFrom,
  validTo: d.validTo,
});

/** What a delegation is for: a care unit, or a verksamhet of the access catalogue. */
type Target = Pick<DelegationItem, 'careUnitId' | 'accessOperationId'>;

/** May grant, limit or revoke delegations for the delegation's care unit or verksamhet. */
function mayDelegateFor(rights: Rights, target: Target): boolean {
  if (target.careUnitId !== null) return rights.mayDelegateFor(target.careUnitId);
  return target.accessOperationId !== null && rights.mayDelegateForOperation(target.accessOperationId);
}

const notHeadOf = (target: Target) => (target.careUnitId !== null ? notHeadOfUnit() : notHeadOfOperation());

/**
 * Delegations: granted by a head of unit (or an administrator) for that unit, or by the head of a
 * verksamhet (or an administrator) for that verksamhet; limited or revoked later, never widened.
 * Every change and its event are one transaction.
 */
@Injectable()
export class DelegationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly recorder: DelegationRecorder,
  ) {}

  async list(actor: Actor, raw: RawListQuery): Promise<Page<DelegationItem>> {
    const today = this.clock.today();
    const spec = delegationListSpec({
      all: actor.rights.administrator,
      careUnitIds: actor.rights.headOf,
      operationIds: actor.rights.headOfOperations,
      delegateId: actor.person.id,
    });
    const page = await listRows<DelegationRow>(this.db, spec, raw, { today });
    return { ...page, items: page.items.map((row) => toItem(row, today)) };
  }

  async detail(actor: Actor, id: string): Promise<DelegationDetail> {
    const item = isUuid(id) ? await findDelegation(this.db, id, this.clock.today()) : undefined;
    if (!item) throw delegationNotFound();
    const visible = mayDelegateFor(actor.rights, item) || item.delegateId === actor.person.id;
    if (!visible) throw notVisible();
    return { ...item, events: await this.recorder.history(id) };
  }

  /**
   * A page of the units the actor may delegate for (heads: the units they head; administrators:
   * every unit), by name, searchable by name or HSA-id; without catalogues.
   */
  grantableUnits(actor: Actor, raw: RawListQuery): Promise<Page<GrantableUnitItem>> {
    const spec = grantableUnitListSpec({
      all: actor.rights.administrator,
      careUnitIds: actor.rights.headOf,
    });
    return listRows<GrantableUnitItem>(this.db, spec, raw, { today: this.clock.today() });
  }

  /**
   * A page of the verksamheter the actor may delegate for (their heads: the ones they head;
   * administrators: every one), by område and name, searchable by either name.
   */
  grantableOperations(actor: Actor, raw: RawListQuery): Promise<Page<GrantableOperationItem>> {
    const spec = grantableOperationListSpec({
      all: actor.rights.administrator,
      operationIds: actor.rights.headOfOperations,
    });
    return listRows<GrantableOperationItem>(this.db, spec, raw, { today: this.clock.today() });
  }

  /** One unit the actor may delegate for, with its catalogue: the assignments a delegation may name. */
  async grantableUnit(actor: Actor, id: string): Promise<GrantableUnit> {
    const unit = await findRow<GrantableUnitItem>(this.db, grantableUnitListSpec(), id, {
      today: this.clock.today(),
    });
    if (!unit) throw unitNotFound();
    if (!actor.rights.mayDelegateFor(unit.id)) throw notHeadOfUnit();
    const catalogue = await catalogueOf(this.db, [unit.id]);
    return {
      ...unit,
      assignments: catalogue.map(({ id: assignmentId, name, kind }) => ({ id: assignmentId, name, kind })),
    };
  }

  async create(actor: Actor, dto: CreateDelegationDto): Promise<DelegationItem> {
    const today = this.clock.today();
    const careUnitId = dto.careUnitId ?? null;
    const accessOperationId = dto.accessOperationId ?? null;
    if ((careUnitId === null) === (accessOperationId === null)) {
      throw invalidDelegation({ careUnitId: [TARGET_REQUIRED], accessOperationId: [TARGET_REQUIRED] });
    }
    const assignmentIds = dto.assignmentIds ?? [];
    if (careUnitId !== null) {
      const unitExists = await this.holds(careUnitExistsSql('$1'), [careUnitId]);
      if (!unitExists) throw invalidDelegation({ careUnitId: ['Vårdenheten finns inte.'] });
      // Rule 37, Gone from KIV gets nothing new: no new delegation at a unit inactive in the directory.
      if (!(await this.holds(careUnitIsActiveSql('$1'), [careUnitId]))) {
        throw invalidDelegation({ careUnitId: [CARE_UNIT_INACTIVE] });
      }
    } else {
      const operationExists = await this.holds(accessOperationExistsSql('$1'), [accessOperationId]);
      if (!operationExists) throw invalidDelegation({ accessOperationId: ['Verksamheten finns inte.'] });
    }
    const target = { careUnitId, accessOperationId };
    if (!mayDelegateFor(actor.rights, target)) throw notHeadOf(target);

    const validTo = dto.validTo ?? null;
    const errors: Record<string, string[]> = {};
    const add = (field: string, message: string) => (errors[field] ??= []).push(message);
    if (dto.delegateId === actor.person.id) add('delegateId', 'Du kan inte delegera till dig själv.');
    else if (!(await this.holds(personExistsSql('$1'), [dto.delegateId])))
      add('delegateId', 'Personen finns inte.');
    else if (!(await this.holds(personIsActiveSql('$1'), [dto.delegateId])))
      add('delegateId', DELEGATE_INACTIVE);
    else if (!(await this.holds(hasActiveEngagementSql('$1', '$2'), [dto.delegateId, today])))
      add('delegateId', NO_ACTIVE_ENGAGEMENT);
    if (careUnitId === null) {
      if (assignmentIds.length > 0) add('assignmentIds', ASSIGNMENTS_ONLY_FOR_UNITS);
    } else if (!(await this.belongToUnit(assignmentIds, careUnitId))) {
      add('assignmentIds', 'Uppdragen måste höra till den valda vårdenheten.');
    }
    if (dto.validFrom < today) add('validFrom', 'Startdatumet får inte vara tidigare än i dag.');
    if (validTo !== null && validTo < dto.validFrom)
      add('validTo', 'Slutdatumet får inte vara före startdatumet.');
    if (Object.keys(errors).length > 0) throw invalidDelegation(errors);

    const id = await this.db.transaction(async (m) => {
      const now = this.clock.now();
      const [{ id: created }] = await m.query<{ id: string }[]>(
        `INSERT INTO delegation (delegate_id, care_unit_id, access_operation_id, grantor_id, may_order, may_attest,
                                 valid_from, valid_to, created_at, updated_at)
         VALUES ($1, $2, $9, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [
          dto.delegateId,
          careUnitId,
          actor.person.id,
          dto.rights.includes('ORDER'),
          dto.rights.includes('ATTEST'),
          dto.validFrom,
          validTo,
          now,
          accessOperationId,
        ],
      );
      await this.replaceAssignments(m, created, assignmentIds);
      const after = await this.mustFind(m, created, today);
      await this.recorder.record(m, actor, 'CREATED', after, null, snapshot(after));
      return created;
    });
    return this.mustFind(this.db, id, today);
  }

  /** Limits (only ever narrower) or revokes a delegation that has not ended. */
  async update(actor: Actor, id: string, dto: UpdateDelegationDto): Promise<DelegationItem> {
    if (!isUuid(id)) throw delegationNotFound();
    const today = this.clock.today();
    await this.db.transaction(async (m) => {
      // Locks the row so that two changes at once cannot both start from the same state.
      const locked = await m.query<unknown[]>('SELECT 1 FROM delegation WHERE id = $1 FOR UPDATE', [id]);
      if (locked.length === 0) throw delegationNotFound();
      const current = await this.mustFind(m, id, today);
      if (!mayDelegateFor(actor.rights, current)) throw notHeadOf(current);
      if (current.status === 'ENDED' || current.status === 'REVOKED') throw noLongerChangeable();

      if (dto.status === 'REVOKED') {
        if (dto.validTo !== undefined || dto.rights !== undefined || dto.assignmentIds !== undefined) {
          throw invalidDelegation({ status: ['Återkalla en delegering utan att samtidigt ändra den.'] });
        }
        const now = this.clock.now();
        await m.query(
          'UPDATE delegation SET revoked_at = $2, revoked_by_id = $3, updated_at = $2 WHERE id = $1',
          [id, now, actor.person.id],
        );
        await this.recorder.record(m, actor, 'REVOKED', current, snapshot(current), {
          ...snapshot(current),
          revokedAt: now.toISOString(),
        });
        return;
      }

      const unitId = current.careUnitId;
      if (unitId === null && dto.assignmentIds !== undefined && dto.assignmentIds.length > 0) {
        throw invalidDelegation({ assignmentIds: [ASSIGNMENTS_ONLY_FOR_UNITS] });
      }
      const next = await limitDelegation(current, dto, today, (ids) =>
        unitId === null ? Promise.resolve(ids.length === 0) : this.belongToUnit(ids, unitId, m),
      );
      // Nothing narrower than before: no change, so no event either.
      if (!next) return;
      await m.query(
        `UPDATE delegation SET valid_to = $2, may_order = $3, may_attest = $4, updated_at = $5 WHERE id = $1`,
        [id, next.validTo, next.rights.includes('ORDER'), next.rights.includes('ATTEST'), this.clock.now()],
      );
      await this.replaceAssignments(m, id, next.assignmentIds);
      await this.recorder.record(m, actor, 'LIMITED', current, snapshot(current), next);
    });
    return this.mustFind(this.db, id, today);
  }

  private async mustFind(db: DataSource | EntityManager, id: string, today: string): Promise<DelegationItem> {
    const item = await findDelegation(db, id, today);
    if (!item) throw delegationNotFound();
    return item;
  }

  private async replaceAssignments(m: EntityManager, id: string, assignmentIds: string[]): Promise<void> {
    await m.query('DELETE FROM delegation_assignment WHERE delegation_id = $1', [id]);
    if (assignmentIds.length === 0) return;
    await m.query(
      `INSERT INTO delegation_assignment (delegation_id, assignment_id) SELECT $1, unnest($2::uuid[])`,
      [id, assignmentIds],
    );
  }

  /** Whether the directory's condition `sql` (a boolean SQL expression) holds. */
  private async holds(sql: string, params: unknown[]): Promise<boolean> {
    const [row] = await this.db.query<{ holds: boolean }[]>(`SELECT ${sql} AS holds`, params);
    return row?.holds === true;
  }

  private async belongToUnit(
    assignmentIds: string[],
    careUnitId: string,
    db: DataSource | EntityManager = this.db,
  ): Promise<boolean> {
    if (assignmentIds.length === 0) return true;
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT ${assignmentsOfUnitCountSql('$1', '$2')} AS count`,
      [assignmentIds, careUnitId],
    );
    return count === assignmentIds.length;
  }
}
