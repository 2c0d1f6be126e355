import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { parsePersonnummer } from './personnummer.js';
import { isUuid } from './uuid.js';

/**
 * Field rules for the directory DTOs. Each rule gives exactly one Swedish message per field
 * (class-validator's stock decorators would say both "måste vara text" and "måste anges" for a
 * missing field), and each knows whether the field may be left out or be null:
 *
 * - `required`: create, the field must be there and not null;
 * - `optional`: update, may be left out, but null is refused (the column is NOT NULL);
 * - `nullable`: may be left out or null (stored as null).
 *
 * Each rule also describes its field in the OpenAPI description (type, format, length, pattern,
 * required, nullable), so the contract says what the rule checks.
 */
export type Presence = 'required' | 'optional' | 'nullable';

/** The field's schema: what the rule accepts, and whether it must be there or may be null. */
function documented(presence: Presence, schema: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({
    ...schema,
    required: presence === 'required',
    ...(presence === 'nullable' ? { nullable: true } : {}),
  } as ApiPropertyOptions);
}

type Check = (value: unknown) => string | undefined;

const MISSING = 'måste anges';

function rule(name: string, presence: Presence, check: Check): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (value === undefined) return presence === 'required' ? MISSING : undefined;
    if (value === null) return presence === 'nullable' ? undefined : MISSING;
    return check(value);
  };
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) => problem(args?.value) ?? MISSING,
    },
  });
}

/** Trims text; for a nullable field an empty text means "none" (null). */
function trimmed(presence: Presence, upperCase = false): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const text = upperCase ? value.trim().toUpperCase() : value.trim();
    return text === '' && presence === 'nullable' ? null : text;
  });
}

export interface TextOptions {
  pattern?: RegExp;
  /** Message when the pattern does not match; must be Swedish. */
  patternMessage?: string;
  upperCase?: boolean;
}

export function Text(presence: Presence, max: number, options: TextOptions = {}): PropertyDecorator {
  return applyDecorators(
    documented(presence, {
      type: 'string',
      minLength: 1,
      maxLength: max,
      ...(options.pattern ? { pattern: options.pattern.source } : {}),
      ...(options.upperCase ? { description: 'Trimmed and upper-cased before it is checked.' } : {}),
    }),
    trimmed(presence, options.upperCase),
    rule('text', presence, (value) => {
      if (typeof value !== 'string') return 'måste vara text';
      if (value === '') return MISSING;
      if (value.length > max) return `får vara högst ${max} tecken`;
      if (options.pattern && !options.pattern.test(value)) return options.patternMessage ?? 'har fel format';
      return undefined;
    }),
  );
}

export const Bool = (presence: Presence): PropertyDecorator =>
  applyDecorators(
    documented(presence, { type: 'boolean' }),
    rule('bool', presence, (value) =>
      typeof value === 'boolean' ? undefined : 'måste vara sant eller falskt',
    ),
  );

export const Id = (presence: Presence): PropertyDecorator =>
  applyDecorators(
    documented(presence, { type: 'string', format: 'uuid' }),
    rule('id', presence, (value) => (isUuid(value) ? undefined : 'måste vara ett giltigt id')),
  );

/** `enumName` names the set in the OpenAPI description, shared with the answers that use it. */
export const OneOf = (presence: Presence, allowed: readonly string[], enumName?: string): PropertyDecorator =>
  applyDecorators(
    documented(presence, enumName ? { enum: [...allowed], enumName } : { enum: [...allowed] }),
    rule('oneOf', presence, (value) =>
      typeof value === 'string' && allowed.includes(value)
        ? undefined
        : `måste vara något av ${allowed.join(', ')}`,
    ),
  );

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CalendarDate = (presence: Presence): PropertyDecorator =>
  applyDecorators(
    documented(presence, { type: 'string', format: 'date', description: 'A date that exists, YYYY-MM-DD.' }),
    trimmed(presence),
    rule('calendarDate', presence, (value) => {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
        return 'måste vara ett datum (ÅÅÅÅ-MM-DD)';
      return isCalendarDate(value) ? undefined : 'är ett datum som inte finns';
    }),
  );

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const Email = (presence: Presence): PropertyDecorator =>
  applyDecorators(
    documented(presence, { type: 'string', format: 'email', maxLength: 254 }),
    trimmed(presence),
    rule('email', presence, (value) => {
      if (typeof value !== 'string') return 'måste vara text';
      if (value.length > 254 || !EMAIL.test(value)) return 'måste vara en giltig e-postadress';
      return undefined;
    }),
  );

/** Any accepted form of personnummer; the message says what is wrong with it. */
export const Personnummer = (presence: Presence): PropertyDecorator =>
  applyDecorators(
    documented(presence, {
      type: 'string',
      description:
        'Any accepted form (ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, …) with a valid check digit; stored as 12 digits.',
      example: '19850312-2389',
    }),
    trimmed(presence),
    rule('personnummer', presence, (value) => {
      if (typeof value !== 'string') return 'måste vara text';
      const parsed = parsePersonnummer(value);
      return parsed.ok ? undefined : parsed.message;
    }),
  );

export const HSA_ID = {
  pattern: /^[A-Z]{2}[0-9]{10}-[0-9A-Z]{1,40}$/,
  patternMessage: 'måste vara ett HSA-id, t.ex. SE2321000131-P000000000101',
  upperCase: true,
};

/** The fields of a DTO that the request gave (PUT changes only those). */
export function providedFields<T extends object, K extends keyof T>(
  dto: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const provided: Partial<Pick<T, K>> = {};
  for (const key of keys) if (dto[key] !== undefined) provided[key] = dto[key];
  return provided;
}
