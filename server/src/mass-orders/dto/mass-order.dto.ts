import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Bool, CalendarDate, Id, Text } from '../../common/field-rules.js';
import { isUuid } from '../../common/uuid.js';

/** Persons a send may name (rule 8, Mass orders of hundreds in one send): a thousand measured, with room. */
export const MAX_PERSONS = 2000;
/** An import stays within the body limit of the JSON parser (100 kB). */
export const MAX_IMPORT_CHARS = 90_000;

/**
 * A list of person ids, possibly empty (a send may only add or only remove). Duplicates are
 * not refused here: that is the rule DUPLICATE_PERSON, which names the person.
 */
const PersonIds = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'string',
      format: 'uuid',
      isArray: true,
      maxItems: MAX_PERSONS,
      nullable: true,
      description: 'Person ids; the same person twice is refused by the rule DUPLICATE_PERSON.',
    }),
    ValidateBy({
      name: 'personIds',
      validator: {
        validate: (value: unknown) => personIdsProblem(value) === undefined,
        defaultMessage: (args) => personIdsProblem(args?.value) ?? 'har fel format',
      },
    }),
  );

function personIdsProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return 'måste vara en lista';
  if (value.length > MAX_PERSONS) return `får innehålla högst ${MAX_PERSONS} personer`;
  return value.every((id) => isUuid(id)) ? undefined : 'måste vara en lista med giltiga id';
}

/** `POST /api/mass-orders/check`: attestant and start date are optional, to check persons early. */
export class CheckMassOrderDto {
  @Id('required') assignmentId!: string;
  @PersonIds() add?: string[];
  @PersonIds() remove?: string[];
  @Id('optional') attestantId?: string;
  @CalendarDate('optional') startDate?: string;
}

/** `POST /api/mass-orders`: the send. */
export class SendMassOrderDto {
  @Id('required') assignmentId!: string;
  @PersonIds() add?: string[];
  @PersonIds() remove?: string[];
  @Id('required') attestantId!: string;
  @CalendarDate('required') startDate!: string;
  @Bool('optional') urgent?: boolean;
  @Text('nullable', 2000) comment?: string | null;
  /** The orderer confirmed the persons' warnings (rule 2d); without it: 422 `order-warnings`. */
  @Bool('optional') confirmedWarnings?: boolean;
}

/** `POST /api/mass-orders/import`: pasted lines or a CSV file's content. */
export class ImportMassOrderDto {
  @Id('required') assignmentId!: string;
  @Text('required', MAX_IMPORT_CHARS) text!: string;
}
