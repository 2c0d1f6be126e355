import { HttpStatus } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  QueryDeepPartialEntity,
} from 'typeorm';
import { toJson } from '../audit/audit-chain.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../common/clock.js';
import { filterBoolean, type RawListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import { findRow, type FilterSql, listRows, type ListSpec, type Page } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import {
  addError,
  conflict,
  type FieldErrors,
  inUse,
  invalidFields,
  notFound,
  translateConstraints,
  type WriteMeanings,
} from '../directory/directory.errors.js';
import type { CatalogueRecord } from './entities.js';

export { addError, type FieldErrors };

/** A boolean list filter (`active: true`). */
export const boolFilter =
  (column: string): FilterSql =>
  (filter, key) => {
    const value = filterBoolean(filter, key);
    return value === undefined ? undefined : value ? column : `NOT ${column}`;
  };

/** A rule the row breaks as a whole (422), e.g. a SCIM system with roles that name no SCIM group. */
export const catalogueRule = (type: string, detail: string) =>
  new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, type, detail);

/** The name is unique case-insensitively, within `scope` (the system, område or verksamhet) if any. */
export interface NameRule {
  /** The unique index (for the database's backstop). */
  index: string;
  scope?: { property: string; column: string };
  message: string;
}

/** Rows of another table that point here: while any does, the row cannot be deleted (409). */
export interface Dependent {
  table: string;
  column: string;
  message: string;
}

/** A row as the audit log keeps it: its own columns, without the id and the timestamps. */
export type Snapshot = Record<string, unknown>;

/**
 * List, read, create, update and delete of one catalogue table (as the directory's
 * CatalogueResource). Each write is one transaction that checks the fields against the database
 * (references, the rules that depend on other rows), the name's uniqueness, writes, records exactly
 * one audit event with the row before and after, and reads the item back; a refused write leaves
 * neither the change nor an event.
 */
export abstract class CatalogueTable<Item extends object, E extends CatalogueRecord> {
  protected abstract readonly spec: ListSpec;
  protected abstract readonly entity: EntityTarget<E>;
  protected abstract readonly table: string;
  /** Definite form in Swedish, e.g. "Systemet", for "… hittades inte." */
  protected abstract readonly label: string;
  /** The audit event's entityType and the stem of its actions (LOCAL_SYSTEM_CREATED …). */
  protected abstract readonly subject: { entityType: string; action: string };
  protected abstract readonly nameRule: NameRule;
  protected abstract readonly dependents: Dependent[];
  /** Foreign keys of this table → the field, for the database's backstop. */
  protected abstract readonly references: NonNullable<WriteMeanings['references']>;

  constructor(
    protected readonly db: DataSource,
    protected readonly clock: Clock,
    protected readonly audit: AuditService,
  ) {}

  list(raw: RawListQuery): Promise<Page<Item>> {
    return listRows<Item>(this.db, this.spec, raw, { today: this.clock.today() });
  }

  async get(id: string, db: DataSource | EntityManager = this.db): Promise<Item> {
    const item = await findRow<Item>(db, this.spec, id, { today: this.clock.today() });
    if (!item) throw notFound(this.label);
    return item;
  }

  /** The row as the audit log keeps it; tables override it to leave out or add fields. */
  protected async snapshot(tx: EntityManager, id: string): Promise<Snapshot> {
    const row = await tx.findOneByOrFail(this.entity, { id } as FindOptionsWhere<E>);
    const { id: _id, createdAt: _c, updatedAt: _u, ...columns } = row;
    return columns;
  }

  /**
   * Inserts `values`. `validate` returns the field errors that need the database (400);
   * `then` writes what belongs to the row in other tables (a template's roles).
   */
  protected insertRow(
    actorId: string,
    values: QueryDeepPartialEntity<E>,
    validate: (tx: EntityManager) => Promise<FieldErrors>,
    then?: (tx: EntityManager, id: string) => Promise<void>,
    id: string = randomUUID(),
  ): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const errors = await validate(tx);
      if (Object.keys(errors).length > 0) throw invalidFields(errors);
      await this.checkName(tx, values as Record<string, unknown>, undefined);
      await translateConstraints(this.meanings(), () =>
        tx.insert(this.entity, { ...values, id } as QueryDeepPartialEntity<E>),
      );
      // A role or profession deleted since the check above: the same 400 as the check's.
      if (then) await translateConstraints(this.meanings(), () => then(tx, id));
      await this.record(tx, actorId, id, undefined, await this.snapshot(tx, id));
      return this.get(id, tx);
    });
  }

  /**
   * Changes the row `id`. `validate` sees the row as it is (locked) and as it would be, and
   * returns the field errors (400) or throws a rule's problem; `then` as for insertRow.
   */
  protected updateRow(
    actorId: string,
    id: string,
    changes: QueryDeepPartialEntity<E>,
    validate: (tx: EntityManager, merged: E, current: E) => Promise<FieldErrors>,
    then?: (tx: EntityManager, current: E) => Promise<void>,
  ): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const current = await this.lockRow(tx, id);
      const before = await this.snapshot(tx, id);
      const merged = { ...current, ...(changes as Record<string, unknown>) } as E;
      const errors = await validate(tx, merged, current);
      if (Object.keys(errors).length > 0) throw invalidFields(errors);
      const changed = Object.keys(changes);
      if (changed.length > 0) {
        const touchesName = ['name', this.nameRule.scope?.property].some(
          (p) => p !== undefined && changed.includes(p),
        );
        if (touchesName) await this.checkName(tx, merged as unknown as Record<string, unknown>, id);
        await translateConstraints(this.meanings(), () => tx.update(this.entity, id, changes));
      }
      if (then) await translateConstraints(this.meanings(), () => then(tx, current));
      await this.record(tx, actorId, id, before, await this.snapshot(tx, id));
      return this.get(id, tx);
    });
  }

  remove(actorId: string, id: string): Promise<Item> {
    return this.db.transaction(async (tx) => {
      await this.lockRow(tx, id);
      const item = await this.get(id, tx);
      const before = await this.snapshot(tx, id);
      for (const { table, column, message } of this.dependents) {
        const used = await tx.query<unknown[]>(`SELECT 1 FROM ${table} WHERE ${column} = $1 LIMIT 1`, [id]);
        if (used.length > 0) throw inUse(message);
      }
      await translateConstraints({ inUse: this.dependents[0]?.message ?? `${this.label} används.` }, () =>
        tx.delete(this.entity, id),
      );
      await this.record(tx, actorId, id, before, undefined);
      return item;
    });
  }

  /** One audit event per write that changed something, in the write's transaction. */
  private async record(
    tx: EntityManager,
    actorId: string,
    id: string,
    before: Snapshot | undefined,
    after: Snapshot | undefined,
  ): Promise<void> {
    if (before && after && isDeepStrictEqual(toJson(before), toJson(after))) return;
    const kind = before === undefined ? 'CREATED' : after === undefined ? 'DELETED' : 'UPDATED';
    await this.audit.append(tx, {
      actorId,
      action: `${this.subject.action}_${kind}`,
      entityType: this.subject.entityType,
      entityId: id,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });
  }

  private async lockRow(tx: EntityManager, id: string): Promise<E> {
    const current = isUuid(id)
      ? await tx.findOne(this.entity, {
          where: { id } as FindOptionsWhere<E>,
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!current) throw notFound(this.label);
    return current;
  }

  private meanings(): WriteMeanings {
    return {
      unique: { [this.nameRule.index]: { field: 'name', message: this.nameRule.message } },
      references: this.references,
    };
  }

  /** A name already taken (case-insensitively, within the scope): 409 naming the field. */
  private async checkName(
    tx: EntityManager,
    row: Record<string, unknown>,
    exceptId: string | undefined,
  ): Promise<void> {
    const scope = this.nameRule.scope;
    const values: unknown[] = [row.name, exceptId ?? null];
    let where = `lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`;
    if (scope) {
      values.push(row[scope.property]);
      where += ` AND ${scope.column} = $3`;
    }
    const taken = await tx.query<unknown[]>(`SELECT 1 FROM ${this.table} WHERE ${where} LIMIT 1`, values);
    if (taken.length > 0) throw conflict({ name: [this.nameRule.message] });
  }
}

/** True when every id is a row of `table`; the ids are uuids (the DTO checked them). */
export async function allExist(tx: EntityManager, table: string, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const [{ n }] = await tx.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return n === new Set(ids).size;
}
