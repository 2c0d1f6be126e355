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

const hasAccessItems = (dto: unknown): boolean =>
  isPlainObject(dto) && Array.isArray(dto.accessItems) && dto.accessItems.length > 0;

/** A rule that also looks at the rest of the send (`items` may be left out when `accessItems` are given). */
function shapedWithSend(name: string, check: (value: unknown, send: unknown) => string | undefined) {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args) => check(value, args?.object) === undefined,
      defaultMessage: (args) => check(args?.value, args?.object) ?? 'har fel format',
    },
  });
}

/**
 * `[{"assignmentId": "…"}]`. The same assignment twice is not refused here: that is the rule
 * DUPLICATE_LINE, which names the line. Empty or left out only when the send has template lines.
 */
const itemsRule = () =>
  shapedWithSend('items', (value, send) => {
    if (value === undefined || value === null) return hasAccessItems(send) ? undefined : 'måste anges';
    if (!Array.isArray(value)) return 'måste vara en lista';
    if (value.length === 0 && !hasAccessItems(send)) return 'måste innehålla minst ett uppdrag';
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

const ACCESS_ITEM_KEYS = new Set(['templateId', 'professionId', 'previousTemplateId']);
const optionalId = (value: unknown) => value === undefined || (typeof value === 'string' && isUuid(value));

/**
 * `[{"templateId": "…", "professionId": "…", "previousTemplateId": "…"}]` (issue 14): the rules of
 * each line (profession offered, template held …) are the order rules, which name the line.
 */
const accessItemsRule = () =>
  shaped('accessItems', false, (value) => {
    if (!Array.isArray(value)) return 'måste vara en lista';
    if (value.length > MAX_LINES) return `får innehålla högst ${MAX_LINES} behörighetsmallar`;
    const wellFormed = value.every(
      (item) =>
        isPlainObject(item) &&
        Object.keys(item).every((key) => ACCESS_ITEM_KEYS.has(key)) &&
        typeof item.templateId === 'string' &&
        isUuid(item.templateId) &&
        optionalId(item.professionId) &&
        optionalId(item.previousTemplateId),
    );
    return wellFormed
      ? undefined
      : 'varje rad måste vara {"templateId": id, "professionId": id, "previousTemplateId": id} (de två sista vid behov)';
  });

/** `{"<careUnitId or accessOperationId>": "<personId>"}`: the attestant chosen per care unit or verksamhet. */
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

/** One template line of a send (only for the OpenAPI description; `accessItemsRule` checks them). */
export class AccessLineInput {
  @ApiProperty({ type: 'string', format: 'uuid', description: 'The template (for CHANGE: the new one).' })
  templateId!: string;
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'GRANT and CHANGE: a profession the template is offered for; REVOKE: the holding’s.',
  })
  professionId?: string;
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'CHANGE only: the held template the line replaces.',
  })
  previousTemplateId?: string;
}

export class PlaceOrderDto {
  @OneOf('required', ORDER_TYPES, 'OrderType') type!: OrderType;
  @Id('required') endUserId!: string;
  @ApiPropertyOptional({
    type: () => OrderLineInput,
    isArray: true,
    maxItems: MAX_LINES,
    description:
      'The same assignment twice is refused by the rule DUPLICATE_LINE, which names the line. Required and non-empty unless accessItems are given.',
  })
  @itemsRule()
  items?: { assignmentId: string }[];
  @ApiPropertyOptional({
    type: () => AccessLineInput,
    isArray: true,
    maxItems: MAX_LINES,
    description:
      'Template lines (issue 14): one ACCESS order per verksamhet; violations name them by accessLine.',
  })
  @accessItemsRule()
  accessItems?: { templateId: string; professionId?: string; previousTemplateId?: string }[];
  /** careUnitId or accessOperationId → attestant; those left out fall back to `attestantId`. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid' },
    description:
      'careUnitId (or accessOperationId) → the attestant chosen for that unit (verksamhet); those left out get `attestantId`.',
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
