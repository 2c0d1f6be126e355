import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { CalendarDate, Id, OneOf, Text } from '../../common/field-rules.js';
import { isUuid } from '../../common/uuid.js';

export const SCOPE_KINDS = ['ALL', 'ADMINISTRATION', 'UNITS'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
/** What a campaign reviews: VMU assignments, the local and regional systems' templates, or both. */
export const REVIEW_CONTENTS = ['VMU', 'ACCESS', 'BOTH'] as const;
export type ReviewContent = (typeof REVIEW_CONTENTS)[number];
export const UNDECIDED_RULES = ['KEEP', 'REVOKE'] as const;
export type UndecidedRule = (typeof UNDECIDED_RULES)[number];

/** Units a campaign may list: a region has some 1,500. */
const MAX_UNITS = 2000;

function idsProblem(value: unknown, what: string, plural: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return 'måste vara en lista';
  if (value.length > MAX_UNITS) return `får innehålla högst ${MAX_UNITS} ${plural}`;
  if (!value.every((v) => isUuid(v))) return 'måste vara giltiga id';
  const lower = value.map((v: string) => v.toLowerCase());
  return new Set(lower).size === lower.length ? undefined : `får inte innehålla samma ${what} två gånger`;
}

/** An optional list of up to MAX_UNITS distinct ids (`what` one of them, `plural` many), described and checked. */
const IdList = (name: string, what: string, plural: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'string',
      format: 'uuid',
      isArray: true,
      maxItems: MAX_UNITS,
      uniqueItems: true,
    }),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => idsProblem(value, what, plural) === undefined,
        defaultMessage: (args) => idsProblem(args?.value, what, plural) ?? 'har fel format',
      },
    }),
  );

function monthsProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'måste vara ett heltal';
  return value < 1 || value > 60 ? 'måste vara mellan 1 och 60 månader' : undefined;
}

/** POST /api/review-campaigns: a campaign, started at once when its start date is today. */
export class CreateCampaignDto {
  /** What reviewers and the report call it, e.g. "Årlig granskning 2027". */
  @Text('required', 200) name!: string;
  /**
   * VMU assignments (at care units), the templates of local and regional systems (at
   * verksamheter), or both; VMU when left out.
   */
  @OneOf('optional', REVIEW_CONTENTS, 'ReviewContent') content?: ReviewContent;
  /**
   * All units and verksamheter (administrators only), one administration's units (VMU only), or
   * the units and verksamheter listed ("UNITS": chosen).
   */
  @OneOf('required', SCOPE_KINDS, 'ReviewScopeKind') scopeKind!: ScopeKind;
  /** With scopeKind ADMINISTRATION. */
  @Id('optional') administrationId?: string;
  /** With scopeKind UNITS: the care units reviewed. */
  @IdList('careUnitIds', 'vårdenhet', 'vårdenheter') careUnitIds?: string[];
  /** With scopeKind UNITS and content ACCESS or BOTH: the verksamheter whose templates are reviewed. */
  @IdList('accessOperationIds', 'verksamhet', 'verksamheter') accessOperationIds?: string[];
  /** The first day: the holdings of that day are reviewed. Today or later. */
  @CalendarDate('required') startDate!: string;
  /** The last day for decisions: the campaign closes then. After the start date. */
  @CalendarDate('required') dueDate!: string;
  /** The day removed assignments end (the revoke orders' date). The due date or later. */
  @CalendarDate('required') revokeDate!: string;
  /** What an item nobody decided becomes when the campaign closes. */
  @OneOf('required', UNDECIDED_RULES, 'ReviewUndecidedRule') undecidedRule!: UndecidedRule;
  /** A new campaign like this one this many months after the start, when it closes; none when left out. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 60, nullable: true })
  @ValidateBy({
    name: 'recurrenceMonths',
    validator: {
      validate: (value: unknown) => monthsProblem(value) === undefined,
      defaultMessage: (args) => monthsProblem(args?.value) ?? 'har fel format',
    },
  })
  recurrenceMonths?: number | null;
}
