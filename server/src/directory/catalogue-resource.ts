import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, QueryDeepPartialEntity } from 'typeorm';
import type { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import {
  addError,
  type FieldErrors,
  invalidFields,
  notFound,
  translateConstraints,
  type WriteMeanings,
} from './directory.errors.js';
import type { DirectoryRecord } from './entities/base.js';
import { findRow, isUuid, listRows, type ListSpec, type Page, rowExists } from './sql.js';

/** A field that points at another row, checked before writing so that a missing one is a 400. */
export interface Reference {
  field: string;
  table: string;
  id: string | null | undefined;
  /** E.g. "Vårdenheten": the message is "<label> finns inte." */
  label: string;
}

export async function checkReferences(db: EntityManager, references: Reference[], errors: FieldErrors): Promise<void> {
  for (const ref of references) {
    if (ref.id === undefined || ref.id === null) continue;
    if (!(await rowExists(db, ref.table, ref.id))) addError(errors, ref.field, `${ref.label} finns inte.`);
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
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
  protected abstract readonly writes: WriteMeanings;
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

  protected insertRow(values: QueryDeepPartialEntity<E>, references: Reference[], errors: FieldErrors = {}): Promise<Item> {
    return this.db.transaction(async (tx) => {
      await checkReferences(tx, references, errors);
      const result = await translateConstraints(this.writes, () => tx.insert(this.entity, values));
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
        ? await tx.findOne(this.entity, { where: { id } as FindOptionsWhere<E>, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!current) throw notFound(this.label);
      await checkReferences(tx, references, validate(current));
      if (Object.keys(changes).length > 0) {
        await translateConstraints(this.writes, () => tx.update(this.entity, id, changes));
      }
      return this.get(id, tx);
    });
  }

  remove(id: string): Promise<Item> {
    return this.db.transaction(async (tx) => {
      const item = await this.get(id, tx);
      await translateConstraints({ inUse: this.inUseMessage }, () => tx.delete(this.entity, id));
      return item;
    });
  }
}
