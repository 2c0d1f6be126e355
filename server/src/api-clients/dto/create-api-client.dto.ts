import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { CLIENT_SCOPES, type ClientScopeName } from '../../common/auth/policy.js';
import { CalendarDate, Text } from '../../common/field-rules.js';

const scopesRule = () =>
  applyDecorators(
    ApiProperty({
      enum: [...CLIENT_SCOPES],
      enumName: 'ApiClientScope',
      isArray: true,
      required: true,
      minItems: 1,
      uniqueItems: true,
    }),
    ValidateBy({
      name: 'scopes',
      validator: {
        validate: (value: unknown) => scopesProblem(value) === undefined,
        defaultMessage: (args) => scopesProblem(args?.value) ?? 'har fel format',
      },
    }),
  );

function scopesProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'måste anges';
  if (!Array.isArray(value)) return 'måste vara en lista';
  if (value.length === 0) return 'måste innehålla minst en behörighet';
  if (!value.every((v) => typeof v === 'string' && (CLIENT_SCOPES as readonly string[]).includes(v))) {
    return `får bara innehålla ${CLIENT_SCOPES.join(', ')}`;
  }
  return new Set(value).size === value.length ? undefined : 'får inte innehålla samma behörighet två gånger';
}

export class CreateApiClientDto {
  /** Who calls: the system's name, as the audit log will show it. */
  @Text('required', 100) name!: string;
  @scopesRule() scopes!: ClientScopeName[];
  /** The last day the client may call: from today, at most two years ahead. */
  @CalendarDate('required') expiresOn!: string;
}
