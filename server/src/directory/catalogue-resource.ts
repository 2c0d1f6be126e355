import type {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  QueryDeepPartialEntity,
} from 'typeorm';
import type { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import {
  addError,
  conflict,
  type FieldErrors,
  inUse,
  invalidFields,
  notFound,
  translateConstraints,
  type WriteMeanings,
} from './directory.errors.js';
import type { DirectoryRecord } from './entities/base.js';
import { findRow, listRows, type ListSpec, type Page, rowExists } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';

/** A field that points at another row, checked before writing so that a missing one is a 400. */
export interface Reference {
  field: string;
  table: string;
  id: string | null | undefined;
  /** E.g. "Vårdenheten": the message is "<label> finns inte." */
  label: string;
}

export async function checkReferences(
  db: EntityManager,
  references: Reference[],
  errors: FieldErrors,
): Promise<void> {
  for (const ref of references) {
    if (ref.id === undefined || ref.id === null) continue;
    if (!(await rowExists(db, ref.table, ref.id))) addError(errors, ref.field, `${ref.label} finns inte.`);
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
}

/** A unique constraint of the table, checked before writing and named in the 409. */
export interface UniqueRule<E> {
  constraint: string;
  properties: (keyof E & string)[];
  field: string;
  message: string;
}

/** A table whose rows point at this one: while any does, the row cannot be deleted. */
export interface Dependent {
  table: string;
  column: string;
}

/**
 * List, read, create, update and delete for one directory table whose items are read by a
 * ListSpec. Each write runs in one transaction that checks references, writes and reads the
 * item back, so a refused request leaves nothing behind.
 */
export abstract class CatalogueResource<Item extends object, E extends DirectoryRecord> {
  protected abstract readonly spec: ListSpec;
  protected abstract readonly entity: EntityTarget<E>;
  /** Definite form in Swedish, e.g. "Vårdenheten", for "… hittades inte." */
  protected abstract readonly label: string;
  protected abstract readonly uniques: UniqueRule<E>[];
  protected abstract readonly dependents: Dependent[];
  /** Foreign keys of this table → the field they belong to, for the database's backstop. */
  protected abstract readonly referenceConstraints: WriteMeanings['references'];
  /** Why a row still referenced elsewhere cannot be deleted. */
  protected abstract readonly inUseMessage: string;

  constructor(
    protected readonly db: DataSource,
    protected readonly clock: Clock,
  ) {}

  list(raw: RawListQuery): Promise<Page<Item>> {
    return listRows<Item>(this.db, this.spec, raw, { today: this.clock.today() });
  }

  async get(id: string, db: DataSource | EntityManager = this.db): Promise<Item> {
    const item = await findRow<Item>(db, this.spec, id, { today: this.clock.today() });
    if (!item) throw notFound(this.label);
    return item;
  }

  protected insertRow(
    values: QueryDeepPartialEntity<E>,
    references: Reference[],
    errors: FieldErrors = {},
  ): Promise<Item> {
    return this.db.transaction(async (tx) => {
      await checkReferences(tx, references, errors);
      await this.checkUnique(tx, values as Record<string, unknown>, undefined, undefined);
      const result = await translateConstraints(this.writeMeanings(), () => tx.insert(this.entity, values));
      return this.get(String(result.identifiers[0].id), tx);
    });
  }

  /**
   * `validate` sees the current row (locked) and returns the errors that depend on it, such
   * as dates out of order once the unchanged date is taken into account.
   */
  protected updateRow(
    id: string,
    changes: QueryDeepPartialEntity<E>,
    references: Reference[],
    validate: (current: E) => FieldErrors = () => ({}),
  ): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const current = isUuid(id)
        ? await tx.findOne(this.entity, {
            where: { id } as FindOptionsWhere<E>,
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!current) throw notFound(this.label);
      await checkReferences(tx, references, validate(current));
      if (Object.keys(changes).length > 0) {
        const after = { ...current, ...(changes as Record<string, unknown>) };
        await this.checkUnique(tx, after, Object.keys(changes), id);
        await translateConstraints(this.writeMeanings(), () => tx.update(this.entity, id, changes));
      }
      return this.get(id, tx);
    });
  }

  remove(id: string): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const item = await this.get(id, tx);
      for (const { table, column } of this.dependents) {
        const used = await tx.query<unknown[]>(`SELECT 1 FROM ${table} WHERE ${column} = $1 LIMIT 1`, [id]);
        if (used.length > 0) throw inUse(this.inUseMessage);
      }
      // Tables of other modules may point here too; the foreign key answers for them.
      await translateConstraints({ inUse: this.inUseMessage }, () => tx.delete(this.entity, id));
      return item;
    });
  }

  private writeMeanings(): WriteMeanings {
    return {
      unique: Object.fromEntries(
        this.uniques.map((u) => [u.constraint, { field: u.field, message: u.message }]),
      ),
      references: this.referenceConstraints,
    };
  }

  /**
   * Reports every unique value already taken, before writing: a 409 that names the fields,
   * and no failed statement in the log. `changed` limits an update to the rules it touches.
   */
  private async checkUnique(
    tx: EntityManager,
    row: Record<string, unknown>,
    changed: string[] | undefined,
    exceptId: string | undefined,
  ): Promise<void> {
    const metadata = tx.dataSource.getMetadata(this.entity);
    const errors: FieldErrors = {};
    for (const rule of this.uniques) {
      if (changed && !rule.properties.some((property) => changed.includes(property))) continue;
      const values = rule.properties.map((property) => row[property]);
      if (values.some((value) => value === undefined || value === null)) continue;
      const where = rule.properties.map((property, i) => {
        const column = metadata.findColumnWithPropertyName(property)?.databaseName ?? property;
        return `"${column}" = $${i + 1}`;
      });
      const taken = await tx.query<unknown[]>(
        `SELECT 1 FROM "${metadata.tableName}" WHERE ${where.join(' AND ')}
          AND id IS DISTINCT FROM $${values.length + 1}::uuid LIMIT 1`,
        [...values, exceptId ?? null],
      );
      if (taken.length > 0) addError(errors, rule.field, rule.message);
    }
    if (Object.keys(errors).length > 0) throw conflict(errors);
  }
}
