import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  type ApiPropertyOptions,
  ApiPropertyOptional,
  ApiQuery,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/**
 * Schema decorators for the classes the API answers with, so that the OpenAPI description
 * (served at /api/docs, and the UI's types generated from it) says exactly what the JSON holds.
 * Every property is present unless marked `optional`; `nullable` says it may be null.
 * The request bodies get theirs from the field rules (field-rules.ts), which know the same.
 */
export interface PropOptions {
  nullable?: boolean;
  /** Left out of the JSON when it does not apply. */
  optional?: boolean;
  description?: string;
}

type Lazy = () => Type<unknown>;

/**
 * @nestjs/swagger calls a `type` lazily (so classes may refer to classes declared later) only
 * when the function itself is named `type`, as an arrow written inline as `{ type: () => X }` is.
 */
const lazyType = (lazy: Lazy) => ({ type: () => lazy() });

function prop(schema: ApiPropertyOptions, options: PropOptions): PropertyDecorator {
  return ApiProperty({
    ...schema,
    required: options.optional !== true,
    ...(options.nullable ? { nullable: true } : {}),
    ...(options.description ? { description: options.description } : {}),
  } as ApiPropertyOptions);
}

export const Prop = {
  text: (options: PropOptions = {}) => prop({ type: 'string' }, options),
  id: (options: PropOptions = {}) => prop({ type: 'string', format: 'uuid' }, options),
  int: (options: PropOptions = {}) => prop({ type: 'integer' }, options),
  bool: (options: PropOptions = {}) => prop({ type: 'boolean' }, options),
  /** A calendar date, YYYY-MM-DD (Europe/Stockholm). */
  date: (options: PropOptions = {}) => prop({ type: 'string', format: 'date' }, options),
  /** A moment, as an ISO 8601 timestamp. */
  dateTime: (options: PropOptions = {}) => prop({ type: 'string', format: 'date-time' }, options),
  /** One of `values`, published once as the schema `enumName` so that every use shares it. */
  oneOf: (values: readonly string[], enumName: string, options: PropOptions = {}) =>
    prop({ enum: [...values], enumName }, options),
  /** Exactly this value (e.g. the discriminator of a union). */
  exactly: (value: boolean | string, options: PropOptions = {}) =>
    prop({ type: typeof value === 'boolean' ? 'boolean' : 'string', enum: [value] }, options),
  object: (type: Lazy, options: PropOptions = {}) => prop(lazyType(type), options),
  list: (type: Lazy, options: PropOptions = {}) => prop({ ...lazyType(type), isArray: true }, options),
  textList: (options: PropOptions = {}) => prop({ type: 'string', isArray: true }, options),
  idList: (options: PropOptions = {}) => prop({ type: 'string', format: 'uuid', isArray: true }, options),
  oneOfList: (values: readonly string[], enumName: string, options: PropOptions = {}) =>
    prop({ enum: [...values], enumName, isArray: true }, options),
  /** Any JSON value, null included (a snapshot whose shape belongs to what it records). */
  json: (options: Omit<PropOptions, 'nullable'> = {}) =>
    prop(
      {
        oneOf: [
          { type: 'string' },
          { type: 'number' },
          { type: 'boolean' },
          { type: 'array', items: {} },
          { type: 'object', additionalProperties: true },
        ],
      },
      { ...options, nullable: true },
    ),
};

/** RFC 9457 problem details: how the API answers every error (problem.ts, problem.filter.ts). */
export class ProblemDetails {
  @ApiProperty({
    type: 'string',
    description:
      'A stable code clients can branch on, e.g. urn:beh:problem:validation; about:blank for plain HTTP errors.',
    example: 'urn:beh:problem:validation',
  })
  type!: string;

  @ApiProperty({ type: 'string', description: 'The status in Swedish words.', example: 'Felaktig begäran' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty({ type: 'string', required: false, description: 'What went wrong, in Swedish.' })
  detail?: string;

  @ApiPropertyOptional({
    type: 'object',
    description: 'Validation problems: per field of the request, its Swedish messages.',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { hsaId: ['måste anges'] },
  })
  errors?: Record<string, string[]>;
}

/** The answer's media type for problems. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * A problem with extensions of its own (e.g. the violated rules of an order), where its shape
 * tells the client more than the default ProblemDetails answer does.
 */
export const ApiProblem = (status: number, problem: Type<ProblemDetails>, description: string) =>
  applyDecorators(
    ApiExtraModels(problem),
    ApiResponse({
      status,
      description,
      content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(problem) } } },
    }),
  );

/**
 * A list in the ra-data-simple-rest convention: `filter`, `range` and `sort` as JSON texts in the
 * query, the page as the body and `Content-Range: <resource> <first>-<last>/<total>` as its size.
 * An unknown filter value, sort field or malformed JSON is a 400 problem, never ignored.
 */
export function ApiPage(item: Type<unknown>, resource: string): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'filter',
      required: false,
      schema: { type: 'string', example: '{"q":"and"}' },
      description:
        'JSON object of filters, e.g. {"q":"and"}; {"id":[…]} fetches exactly those ids (react-admin getMany).',
    }),
    ApiQuery({
      name: 'range',
      required: false,
      schema: { type: 'string', example: '[0,24]' },
      description: 'JSON [first, last], 0-based and inclusive; at most 1000 rows. Default [0,24].',
    }),
    ApiQuery({
      name: 'sort',
      required: false,
      schema: { type: 'string', example: '["name","ASC"]' },
      description: 'JSON ["field","ASC"|"DESC"]; sorting on `id` means the default order.',
    }),
    ApiOkResponse({
      type: item,
      isArray: true,
      description: 'One page of the list.',
      headers: {
        'Content-Range': {
          description: 'Which rows of how many: `<resource> <first>-<last>/<total>`.',
          schema: { type: 'string', example: `${resource} 0-24/319` },
        },
        'X-Total-Kind': {
          description:
            "What the total in Content-Range is: `exact`; `estimate` (the planner's estimate, above the exact-count limit); `at-least` (more than the limit, no better estimate).",
          schema: { type: 'string', enum: ['exact', 'estimate', 'at-least'] },
        },
      },
    }),
  );
}
