import { createHash } from 'node:crypto';

/** The prev_hash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The fields of an event that its hash covers, exactly as they are stored. */
export interface ChainedFields {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue;
  after: JsonValue;
  prevHash: string;
}

/**
 * Plain JSON of a snapshot, as it will come back out of jsonb: Dates become ISO strings,
 * undefined properties disappear. Hashing this (and storing exactly this) means the hash
 * computed at append and the one recomputed from the stored row agree.
 */
export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/**
 * JSON with object keys sorted at every level: the one serialisation of a value, whatever
 * order its keys were written in or jsonb keeps them in.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
}

/** SHA-256 (hex) over the canonical form of the event, prev_hash included. */
export function eventHash(fields: ChainedFields): string {
  return chainedHash({
    ...fields,
    before: canonicalJson(fields.before),
    after: canonicalJson(fields.after),
  });
}

/**
 * eventHash with the snapshots given as their canonical JSON (canonicalJson of each), made
 * beforehand: an appender prepares them before it takes the chain's head, so that only this, a
 * string joined and hashed, is left to do while it holds the head. The same text as eventHash's
 * (the canonical form of an array is its items' canonical forms, joined by commas).
 */
export function chainedHash(
  fields: Omit<ChainedFields, 'before' | 'after'> & { before: string; after: string },
): string {
  const canonical = `[${[
    JSON.stringify(fields.id),
    JSON.stringify(fields.at.toISOString()),
    JSON.stringify(fields.actorId),
    JSON.stringify(fields.action),
    JSON.stringify(fields.entityType),
    JSON.stringify(fields.entityId),
    fields.before,
    fields.after,
    JSON.stringify(fields.prevHash),
  ].join(',')}]`;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
