import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { notFound, ProblemException, ValidationProblem } from '../common/problem.js';

/** Field → Swedish messages, as in the `errors` member of a problem. */
export type FieldErrors = Record<string, string[]>;

export function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

export const invalidPersonnummer = (message: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'invalid-personnummer', message, {
    errors: { personnummer: [message] },
  });

export const badLookup = (detail: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'bad-lookup', detail);

/** Unique values already taken: 409 naming each field. */
export const conflict = (errors: FieldErrors) =>
  new ProblemException(HttpStatus.CONFLICT, 'conflict', Object.values(errors).flat().join(' '), { errors });

/** Fields that point at rows that do not exist, dates in the wrong order and the like. */
export const invalidFields = (errors: FieldErrors) => new ValidationProblem(errors);

export const inUse = (detail: string) => new ProblemException(HttpStatus.CONFLICT, 'in-use', detail);

export { notFound };

/** What a database constraint means for the API: the field it is about and a Swedish sentence. */
export interface ConstraintMeaning {
  field: string;
  message: string;
}

export interface WriteMeanings {
  /** Unique constraints (23505) → 409 with errors.<field>. */
  unique?: Record<string, ConstraintMeaning>;
  /** Foreign keys broken by an insert or update (23503): the row pointed at has gone → 400. */
  references?: Record<string, ConstraintMeaning>;
  /** 23503 on delete: the row is still referenced → 409 with this detail. */
  inUse?: string;
}

function pgError(error: unknown): { code?: string; constraint?: string } | undefined {
  return error instanceof QueryFailedError
    ? (error.driverError as { code?: string; constraint?: string })
    : undefined;
}

/**
 * Runs a write and turns the constraint violations it may meet into the API's problems. The
 * services check uniqueness and references before writing so that every field is reported at
 * once; this is the backstop for concurrent writers.
 */
export async function translateConstraints<T>(meanings: WriteMeanings, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const pg = pgError(error);
    const meaning = (map?: Record<string, ConstraintMeaning>) =>
      pg?.constraint ? map?.[pg.constraint] : undefined;
    if (pg?.code === '23505') {
      const unique = meaning(meanings.unique);
      if (unique) throw conflict({ [unique.field]: [unique.message] });
    }
    if (pg?.code === '23503') {
      if (meanings.inUse) throw inUse(meanings.inUse);
      const reference = meaning(meanings.references);
      if (reference) throw invalidFields({ [reference.field]: [reference.message] });
    }
    throw error;
  }
}

/** "validTo" must not be before "validFrom"; both YYYY-MM-DD, so text order is date order. */
export function checkValidity(errors: FieldErrors, validFrom: string, validTo: string | null): void {
  if (validTo !== null && validTo < validFrom) addError(errors, 'validTo', 'får inte vara före startdatumet');
}
