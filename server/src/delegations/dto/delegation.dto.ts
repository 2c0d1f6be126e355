import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { CalendarDate, Id, OneOf } from '../../common/field-rules.js';
import { type Right, RIGHTS } from '../delegation.types.js';
import { isUuid } from '../../common/uuid.js';

/** A list field: each rule gives one Swedish message, like the directory's field rules. */
function list(
  name: string,
  required: boolean,
  check: (value: unknown[]) => string | undefined,
): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (value === undefined) return required ? 'måste anges' : undefined;
    if (!Array.isArray(value)) return 'måste vara en lista';
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

const rightsRule = (required: boolean) =>
  applyDecorators(
    ApiProperty({
      enum: [...RIGHTS],
      enumName: 'DelegationRight',
      isArray: true,
      required,
      minItems: 1,
      uniqueItems: true,
    }),
    list('rights', required, (value) => {
      if (value.length === 0) return 'måste innehålla minst en av ORDER och ATTEST';
      if (!value.every((v) => typeof v === 'string' && (RIGHTS as readonly string[]).includes(v))) {
        return 'får bara innehålla ORDER och ATTEST';
      }
      return new Set(value).size === value.length ? undefined : 'får inte innehålla samma rätt två gånger';
    }),
  );

const assignmentIdsRule = () =>
  applyDecorators(
    ApiProperty({
      type: 'string',
      format: 'uuid',
      isArray: true,
      required: false,
      maxItems: 200,
      uniqueItems: true,
      description: 'Left out or empty: the whole unit.',
    }),
    list('assignmentIds', false, (value) => {
      if (!value.every((v) => isUuid(v))) return 'måste vara giltiga id';
      if (value.length > 200) return 'får innehålla högst 200 uppdrag';
      return new Set(value).size === value.length ? undefined : 'får inte innehålla samma uppdrag två gånger';
    }),
  );

/** For a care unit or for a verksamhet: exactly one of careUnitId and accessOperationId. */
@ApiSchema({
  description:
    'For a care unit (careUnitId) or a verksamhet of the access catalogue (accessOperationId): exactly one. assignmentIds only for a care unit.',
})
export class CreateDelegationDto {
  @Id('required') delegateId!: string;
  /** Left out or null: a delegation for a verksamhet. */
  @Id('nullable') careUnitId?: string | null;
  /** Left out or null: a delegation for a care unit. */
  @Id('nullable') accessOperationId?: string | null;
  @rightsRule(true) rights!: Right[];
  /** Leave out or empty: the whole unit. */
  @assignmentIdsRule() assignmentIds?: string[];
  @CalendarDate('required') validFrom!: string;
  /** Leave out or null: until further notice. */
  @CalendarDate('nullable') validTo?: string | null;
}

/** Either a limitation (any of validTo, rights, assignmentIds) or `{"status":"REVOKED"}`. */
@ApiSchema({
  description:
    'Either a limitation (any of validTo, rights, assignmentIds; a delegation can only be narrowed) or {"status":"REVOKED"}.',
})
export class UpdateDelegationDto {
  @CalendarDate('nullable') validTo?: string | null;
  @rightsRule(false) rights?: Right[];
  @assignmentIdsRule() assignmentIds?: string[];
  @OneOf('optional', ['REVOKED']) status?: 'REVOKED';
}
