import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { OneOf, Text } from '../../common/field-rules.js';
import { isUuid } from '../../common/uuid.js';

/** Orders in one signature: a mass order's hundreds with room, but bounded. */
export const MAX_ORDERS_PER_SIGNATURE = 1000;
/** Lines a batch may remove; orders have a handful of lines each. */
const MAX_REMOVED_LINES = 10_000;

export const ATTEST_DECISIONS = ['APPROVE', 'REJECT'] as const;
export type AttestDecision = (typeof ATTEST_DECISIONS)[number];

/** A list of distinct ids, with one Swedish message per problem. */
function idList(name: string, required: boolean, min: number, max: number) {
  const problem = (value: unknown): string | undefined => {
    if (value === undefined || value === null) return required ? 'måste anges' : undefined;
    if (!Array.isArray(value)) return 'måste vara en lista';
    if (value.length < min) return 'måste innehålla minst en beställning';
    if (value.length > max) return `får innehålla högst ${max} id`;
    if (!value.every((v) => isUuid(v))) return 'måste vara giltiga id';
    const lower = value.map((v: string) => v.toLowerCase());
    return new Set(lower).size === lower.length ? undefined : 'får inte innehålla samma id två gånger';
  };
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) => problem(args?.value) ?? 'har fel format',
    },
  });
}

/** POST /api/attest/sign-requests: Godkänn or Avslå of one or many orders, to be signed. */
export class CreateAttestSignRequestDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: MAX_ORDERS_PER_SIGNATURE,
    uniqueItems: true,
  })
  @idList('orderIds', true, 1, MAX_ORDERS_PER_SIGNATURE)
  orderIds!: string[];
  @OneOf('required', ATTEST_DECISIONS, 'AttestDecision') decision!: AttestDecision;
  /** "Ta bort markerade": lines that are not approved with the rest (APPROVE only). */
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    isArray: true,
    maxItems: MAX_REMOVED_LINES,
    uniqueItems: true,
    nullable: true,
    description: '"Ta bort markerade": order lines not approved with the rest (APPROVE only).',
  })
  @idList('removeItemIds', false, 0, MAX_REMOVED_LINES)
  removeItemIds?: string[];
  /** Required on REJECT (checked by the service, which knows the decision). */
  @Text('nullable', 2000) comment?: string | null;
}
