import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Bool, CalendarDate, Id, OneOf, Text } from '../../common/field-rules.js';
import { ORDER_TYPES, type OrderType } from '../order.types.js';
import { isUuid } from '../../common/uuid.js';

/** Lines per send: the wizard's handful, with room, but bounded. */
export const MAX_LINES = 200;

/** A rule with one Swedish message per problem, like the directory's field rules. */
function shaped(name: string, required: boolean, check: (value: unknown) => string | undefined) {
  const problem = (value: unknown): string | undefined => {
    if (value === undefined || value === null) return required ? 'måste anges' : undefined;
    return check(value);
  };
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) => problem(args?.value) ?? 'har fel format',
    },
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `[{"assignmentId": "…"}]`. The same assignment twice is not refused here: that is the rule
 * DUPLICATE_LINE, which names the line.
 */
const itemsRule = () =>
  shaped('items', true, (value) => {
    if (!Array.isArray(value)) return 'måste vara en lista';
    if (value.length === 0) return 'måste innehålla minst ett uppdrag';
    if (value.length > MAX_LINES) return `får innehålla högst ${MAX_LINES} uppdrag`;
    const wellFormed = value.every(
      (item) =>
        isPlainObject(item) &&
        Object.keys(item).every((key) => key === 'assignmentId') &&
        typeof item.assignmentId === 'string' &&
        isUuid(item.assignmentId),
    );
    return wellFormed ? undefined : 'varje rad måste vara {"assignmentId": id}';
  });

/** `{"<careUnitId>": "<personId>"}`: the attestant chosen per care unit. */
const attestantsRule = () =>
  shaped('attestants', false, (value) => {
    if (!isPlainObject(value)) return 'måste vara ett objekt med vårdenhetens id som nyckel';
    const entries = Object.entries(value);
    if (entries.length > MAX_LINES) return 'har för många vårdenheter';
    return entries.every(([unit, person]) => isUuid(unit) && typeof person === 'string' && isUuid(person))
      ? undefined
      : 'måste ange giltiga id för vårdenhet och attestant';
  });

/** One line of a send (only for the OpenAPI description; `itemsRule` checks the lines). */
export class OrderLineInput {
  @ApiProperty({ type: 'string', format: 'uuid' }) assignmentId!: string;
}

export class PlaceOrderDto {
  @OneOf('required', ORDER_TYPES, 'OrderType') type!: OrderType;
  @Id('required') endUserId!: string;
  @ApiProperty({
    type: () => OrderLineInput,
    isArray: true,
    minItems: 1,
    maxItems: MAX_LINES,
    description: 'The same assignment twice is refused by the rule DUPLICATE_LINE, which names the line.',
  })
  @itemsRule()
  items!: { assignmentId: string }[];
  /** careUnitId → attestant; units left out fall back to `attestantId`. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid' },
    description: 'careUnitId → the attestant chosen for that unit; units left out get `attestantId`.',
  })
  @attestantsRule()
  attestants?: Record<string, string>;
  @Id('optional') attestantId?: string;
  @CalendarDate('required') startDate!: string;
  /** Time-limited grants come later; null or left out: until further notice. */
  @CalendarDate('nullable') endDate?: string | null;
  @Bool('optional') urgent?: boolean;
  @Text('nullable', 2000) comment?: string | null;
  /**
   * The orderer saw and confirmed the send's warnings (rule 2d). Without it a send that meets a
   * warning is answered 422 `order-warnings` and nothing is written.
   */
  @Bool('optional') confirmedWarnings?: boolean;
}

export class ChangeAttestantDto {
  @Id('required') attestantId!: string;
}
