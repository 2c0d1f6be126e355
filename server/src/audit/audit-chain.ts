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
  const canonical = canonicalJson([
    fields.id,
    fields.at.toISOString(),
    fields.actorId,
    fields.action,
    fields.entityType,
    fields.entityId,
    fields.before,
    fields.after,
    fields.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
