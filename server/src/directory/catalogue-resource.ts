import type {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  QueryDeepPartialEntity,
} from 'typeorm';
import type { Clock } from '../common/clock.js';
import { filterBoolean, type RawListQuery } from '../common/list-query.js';
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
import { type AuditSubject, DirectoryAudit, rowSnapshot } from './directory-audit.js';
import type { DirectoryRecord } from './entities/base.js';
import {
  type FilterSql,
  findRow,
  listRows,
  type ListSpec,
  type Page,
  rowExists,
  type SqlParams,
} from '../common/sql.js';
import { isUuid } from '../common/uuid.js';

/** "Active today" of a list's page row that carries validFrom/validTo (engagements, holdings). */
export const activeLate = (p: SqlParams, today: string): string => {
  const t = p.add(today);
  return `(page."validFrom" <= ${t}::date AND (page."validTo" IS NULL OR page."validTo" >= ${t}::date)) AS active`;
};

/**
 * The filter `showInactive` of a directory list (persons, care units, assignments, providers,
 * administrations), for the rows' `active` column (false: gone from KIV at a sync, kept for
 * history; rule 37): without it, or false, only active rows are listed; `true` lists them all,
 * so an administrator still finds an inactive person. A read by id (react-admin's getMany, a
 * reference to an inactive row in an order) always finds the rows.
 */
export const showInactiveFilter =
  (column: string): FilterSql =>
  (filter, key) => {
    if (filterBoolean(filter, key) === true || (filter.id !== undefined && filter.id !== null)) {
      return undefined;
    }
    return column;
  };

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

/** List and read of one directory table whose items are read by a ListSpec. */
export abstract class ReadResource<Item extends object> {
  protected abstract readonly spec: ListSpec;
  /** Definite form in Swedish, e.g. "Vårdenheten", for "… hittades inte." */
  protected abstract readonly label: string;
  /**
   * The SQL column of `spec` naming the person a row is about (an engagement's, a holding's):
   * with it, the rows of a person with a protected identity are listed and opened only when
   * `showProtected` (administrators), as the persons list does (rule 29).
   */
  protected readonly personColumn: string | undefined = undefined;

  constructor(
    protected readonly db: DataSource,
    protected readonly clock: Clock,
  ) {}

  /** The list; without `showProtected` no row of a person with a protected identity. */
  list(raw: RawListQuery, showProtected = false): Promise<Page<Item>> {
    const spec = this.spec;
    const hidden = this.hiddenSql(showProtected);
    const visible: ListSpec['visible'] =
      hidden === undefined
        ? spec.visible
        : (p, ctx) => {
            const own = spec.visible?.(p, ctx);
            return own === undefined ? hidden : `(${own}) AND ${hidden}`;
          };
    return listRows<Item>(this.db, { ...spec, visible }, raw, { today: this.clock.today() });
  }

  /**
   * One row by id; with `showProtected` false a row of a person with a protected identity is not
   * found (404). Reads inside a write (an administrator's) keep the default.
   */
  async get(id: string, db: DataSource | EntityManager = this.db, showProtected = true): Promise<Item> {
    // findRow reads the spec's `from` alone: there the person is joined only when not protected.
    const spec =
      showProtected || this.personColumn === undefined
        ? this.spec
        : {
            ...this.spec,
            from: `${this.spec.from}
    JOIN person shown ON shown.id = ${this.personColumn} AND NOT shown.protected_identity`,
          };
    const item = await findRow<Item>(db, spec, id, { today: this.clock.today() });
    if (!item) throw notFound(this.label);
    return item;
  }

  /** The condition that leaves out the rows of persons with a protected identity, when it applies. */
  private hiddenSql(showProtected: boolean): string | undefined {
    if (showProtected || this.personColumn === undefined) return undefined;
    return `NOT EXISTS (SELECT 1 FROM person hidden
      WHERE hidden.id = ${this.personColumn} AND hidden.protected_identity)`;
  }
}

/**
 * List, read, create, update and delete for one directory table. Each write runs in one
 * transaction that checks references, writes, records the audit event with the row before and
 * after, and reads the item back, so a refused request leaves neither the change nor an event.
 */
export abstract class CatalogueResource<
  Item extends object,
  E extends DirectoryRecord,
> extends ReadResource<Item> {
  protected abstract readonly entity: EntityTarget<E>;
  /** How the audit log names this table's rows and changes. */
  protected abstract readonly subject: AuditSubject;
  protected abstract readonly uniques: UniqueRule<E>[];
  protected abstract readonly dependents: Dependent[];
  /** Foreign keys of this table → the field they belong to, for the database's backstop. */
  protected abstract readonly referenceConstraints: WriteMeanings['references'];
  /** Why a row still referenced elsewhere cannot be deleted. */
  protected abstract readonly inUseMessage: string;

  constructor(
    db: DataSource,
    clock: Clock,
    protected readonly audit: DirectoryAudit,
  ) {
    super(db, clock);
  }

  /** The action of an update's event; a table whose change grants rights names that change itself. */
  protected updateAction(_before: E, _after: E): string | undefined {
    return undefined;
  }

  protected insertRow(
    actorId: string,
    values: QueryDeepPartialEntity<E>,
    references: Reference[],
    errors: FieldErrors = {},
  ): Promise<Item> {
    return this.db.transaction(async (tx) => {
      await checkReferences(tx, references, errors);
      await this.checkUnique(tx, values as Record<string, unknown>, undefined, undefined);
      const result = await translateConstraints(this.writeMeanings(), () => tx.insert(this.entity, values));
      const id = String(result.identifiers[0].id);
      const after = await this.readRow(tx, id);
      await this.audit.record(tx, actorId, this.subject, id, undefined, rowSnapshot(after));
      return this.get(id, tx);
    });
  }

  /**
   * `validate` sees the current row (locked) and returns the errors that depend on it, such
   * as dates out of order once the unchanged date is taken into account.
   */
  protected updateRow(
    actorId: string,
    id: string,
    changes: QueryDeepPartialEntity<E>,
    references: Reference[],
    validate: (current: E) => FieldErrors = () => ({}),
  ): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const current = await this.lockRow(tx, id);
      await checkReferences(tx, references, validate(current));
      if (Object.keys(changes).length > 0) {
        const changed = { ...current, ...(changes as Record<string, unknown>) };
        await this.checkUnique(tx, changed, Object.keys(changes), id);
        await translateConstraints(this.writeMeanings(), () => tx.update(this.entity, id, changes));
        const after = await this.readRow(tx, id);
        await this.audit.record(
          tx,
          actorId,
          this.subject,
          id,
          rowSnapshot(current),
          rowSnapshot(after),
          this.updateAction(current, after),
        );
      }
      return this.get(id, tx);
    });
  }

  remove(actorId: string, id: string): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const current = await this.lockRow(tx, id);
      const item = await this.get(id, tx);
      for (const { table, column } of this.dependents) {
        const used = await tx.query<unknown[]>(`SELECT 1 FROM ${table} WHERE ${column} = $1 LIMIT 1`, [id]);
        if (used.length > 0) throw inUse(this.inUseMessage);
      }
      // Tables of other modules may point here too; the foreign key answers for them.
      await translateConstraints({ inUse: this.inUseMessage }, () => tx.delete(this.entity, id));
      await this.audit.record(tx, actorId, this.subject, id, rowSnapshot(current), undefined);
      return item;
    });
  }

  /** The row, locked until the transaction ends, so that the event's `before` is what was changed. */
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

  /** The row as written (defaults and the database's own forms included), for the event's `after`. */
  private readRow(tx: EntityManager, id: string): Promise<E> {
    return tx.findOneByOrFail(this.entity, { id } as FindOptionsWhere<E>);
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
