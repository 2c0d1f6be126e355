import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { Bool, Id, OneOf, Text } from '../common/field-rules.js';
import { isUuid } from '../common/uuid.js';
import { FULFILMENTS, type Fulfilment } from './entities.js';

/*
 * The catalogue's requests, with the directory's field rules (common/field-rules.ts): one Swedish
 * message per field. Three more rules live here: a description that may be empty, an http(s)
 * address and a list of ids.
 */

const NAME_MAX = 200;
const DESCRIPTION_MAX = 4000;

/** One Swedish message per field, as common/field-rules' rules give. */
function check(name: string, problem: (value: unknown) => string | undefined): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) => problem(args?.value) ?? 'har fel format',
    },
  });
}

/** A description: may be left out, empty or null (stored as the empty text), trimmed. */
export const Description = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: 'string', maxLength: DESCRIPTION_MAX, required: false, nullable: true }),
    Transform(({ value }: { value: unknown }) =>
      value === null ? '' : typeof value === 'string' ? value.trim() : value,
    ),
    check('description', (value) => {
      if (value === undefined) return undefined;
      if (typeof value !== 'string') return 'måste vara text';
      return value.length > DESCRIPTION_MAX ? `får vara högst ${DESCRIPTION_MAX} tecken` : undefined;
    }),
  );

/** An absolute http or https address, e.g. a SCIM service's base URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const URL_MAX = 500;

/** A nullable http(s) address (empty is null). */
export const HttpUrl = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: 'string', format: 'uri', maxLength: URL_MAX, required: false, nullable: true }),
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const text = value.trim();
      return text === '' ? null : text;
    }),
    check('httpUrl', (value) => {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') return 'måste vara text';
      if (value.length > URL_MAX) return `får vara högst ${URL_MAX} tecken`;
      return isHttpUrl(value)
        ? undefined
        : 'måste vara en http- eller https-adress, t.ex. https://scim.exempel.se/scim/v2';
    }),
  );

const IDS_MAX = 200;

/** A list of ids with at least one (`required`: must be given; `optional`: may be left out). */
export const IdList = (presence: 'required' | 'optional', atLeastOne: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: 'string',
      format: 'uuid',
      isArray: true,
      minItems: 1,
      maxItems: IDS_MAX,
      required: presence === 'required',
    }),
    Transform(({ value }: { value: unknown }) =>
      // Once each, in the database's spelling (a uuid in capitals is the same id).
      Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? [...new Set(value.map((v) => v.toLowerCase()))]
        : value,
    ),
    check('idList', (value) => {
      if (value === undefined) return presence === 'required' ? 'måste anges' : undefined;
      if (value === null) return 'måste anges';
      if (!Array.isArray(value)) return 'måste vara en lista';
      if (value.length === 0) return atLeastOne;
      if (value.length > IDS_MAX) return `får innehålla högst ${IDS_MAX}`;
      return value.every((v) => isUuid(v)) ? undefined : 'måste vara giltiga id';
    }),
  );

export class CreateLocalSystemDto {
  @Text('required', NAME_MAX) name!: string;
  @Description() description?: string;
  /** The organisation or team that owns the system. */
  @Text('required', NAME_MAX) owner!: string;
  @OneOf('required', FULFILMENTS, 'Fulfilment') fulfilment!: Fulfilment;
  /** Required when SCIM; must be left out (or null) when MANUAL. */
  @HttpUrl() scimBaseUrl?: string | null;
  /** The SCIM bearer token: write only, kept sealed, never answered. */
  @Text('nullable', 4000) scimToken?: string | null;
  @Bool('optional') active?: boolean;
}

export class UpdateLocalSystemDto {
  @Text('optional', NAME_MAX) name?: string;
  @Description() description?: string;
  @Text('optional', NAME_MAX) owner?: string;
  /** Changed to MANUAL without a scimBaseUrl: the base URL and the token are removed. */
  @OneOf('optional', FULFILMENTS, 'Fulfilment') fulfilment?: Fulfilment;
  @HttpUrl() scimBaseUrl?: string | null;
  /** Left out: kept; a text: replaced; null or empty: removed. */
  @Text('nullable', 4000) scimToken?: string | null;
  @Bool('optional') active?: boolean;
}

export class CreateSystemRoleDto {
  @Id('required') systemId!: string;
  @Text('required', NAME_MAX) name!: string;
  @Description() description?: string;
  /** The SCIM Group's displayName; required when the system is carried out over SCIM. */
  @Text('nullable', NAME_MAX) scimGroup?: string | null;
}

export class UpdateSystemRoleDto {
  @Id('optional') systemId?: string;
  @Text('optional', NAME_MAX) name?: string;
  @Description() description?: string;
  @Text('nullable', NAME_MAX) scimGroup?: string | null;
}

export class CreateAccessAreaDto {
  @Text('required', NAME_MAX) name!: string;
  @Description() description?: string;
}

export class UpdateAccessAreaDto {
  @Text('optional', NAME_MAX) name?: string;
  @Description() description?: string;
}

export class CreateAccessOperationDto {
  @Id('required') areaId!: string;
  @Text('required', NAME_MAX) name!: string;
  @Description() description?: string;
  /** The responsible head: a person in the directory. */
  @Id('required') headPersonId!: string;
}

export class UpdateAccessOperationDto {
  @Id('optional') areaId?: string;
  @Text('optional', NAME_MAX) name?: string;
  @Description() description?: string;
  @Id('optional') headPersonId?: string;
}

export class CreateProfessionDto {
  @Text('required', NAME_MAX) name!: string;
}

export class UpdateProfessionDto {
  @Text('optional', NAME_MAX) name?: string;
}

export class CreateAccessTemplateDto {
  @Id('required') operationId!: string;
  @Text('required', NAME_MAX) name!: string;
  @Description() description?: string;
  @Bool('optional') active?: boolean;
  @IdList('required', 'måste innehålla minst en roll') roleIds!: string[];
  @IdList('required', 'måste innehålla minst en yrkeskategori') professionIds!: string[];
}

export class UpdateAccessTemplateDto {
  @Id('optional') operationId?: string;
  @Text('optional', NAME_MAX) name?: string;
  @Description() description?: string;
  @Bool('optional') active?: boolean;
  @IdList('optional', 'måste innehålla minst en roll') roleIds?: string[];
  @IdList('optional', 'måste innehålla minst en yrkeskategori') professionIds?: string[];
}
