import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE, ProblemDetails, Prop } from '../common/api-schema.js';
import { ProblemException } from '../common/problem.js';
import type { DataSource, EntityManager } from 'typeorm';
import { activeEngagementUnitsSql } from '../directory/directory.reads.js';

/**
 * Soft rules (domain.md rule 2d): what placing allows but the orderer must confirm first. Unlike
 * the rules of orders.errors.ts they never refuse an order; a send that meets one is answered 422
 * `order-warnings` until it is sent again with `confirmedWarnings: true`, and each line it applied
 * to keeps the warning (vmu_order_item.warnings) for the order view and the attestant.
 */
export const WARNING_MESSAGES = {
  ENGAGEMENT_ELSEWHERE:
    'Personen har inget aktivt engagemang på vårdenheten; alla personens aktiva engagemang är på andra vårdenheter. Kontrollera att personen verkligen ska arbeta här.',
} as const;

export type WarningCode = keyof typeof WARNING_MESSAGES;
export const WARNING_CODES = Object.keys(WARNING_MESSAGES) as WarningCode[];

/** A warning as a line shows it (the order view, the attest page, a mass order's check). */
@ApiSchema({ name: 'LineWarning' })
export class LineWarning {
  /** A text, not an enum: a client shows the message of a code it does not know. */
  @Prop.text({ description: `The warning's code: ${WARNING_CODES.join(', ')} (more may come).` })
  code!: WarningCode;
  @Prop.text({ description: 'The Swedish message of the warning.' }) message!: string;
}

/**
 * A warning in the 422 `order-warnings` answer: of one line of a wizard send (`line`,
 * `assignmentId`, `careUnitId`) or of one person of a mass order (`personId`).
 */
@ApiSchema({ name: 'OrderWarning' })
export class OrderWarning extends LineWarning {
  @Prop.int({ optional: true, description: "Wizard: 0-based index into the send's items." }) line?: number;
  @Prop.id({ optional: true, description: 'Wizard: the line’s assignment.' }) assignmentId?: string;
  @Prop.id({ optional: true, description: 'Wizard: the line’s care unit.' }) careUnitId?: string;
  @Prop.id({ optional: true, description: 'Mass order: the person it concerns.' }) personId?: string;
}

/** A wizard line's warning. */
export type SendLineWarning = LineWarning & { line: number; assignmentId: string; careUnitId: string };
/** A mass order person's warning. */
export type PersonWarning = LineWarning & { personId: string };

/** `urn:beh:problem:order-warnings`: the send is allowed once the orderer confirms these. */
export class OrderWarningsProblem extends ProblemDetails {
  @Prop.list(() => OrderWarning, {
    description: 'Per line (wizard: line, assignmentId, careUnitId) or per person (mass order: personId).',
  })
  warnings!: OrderWarning[];
}

export const ORDER_WARNINGS_ANSWER =
  'A soft rule applies (urn:beh:problem:order-warnings): nothing is written; send again with confirmedWarnings: true to place it.';

export const lineWarning = (code: WarningCode): LineWarning => ({ code, message: WARNING_MESSAGES[code] });

/** The stored codes of a line as the API shows them (unknown codes, from a later version, are kept). */
export const lineWarnings = (codes: readonly string[] | null | undefined): LineWarning[] =>
  (codes ?? []).map((code) => ({
    code: code as WarningCode,
    message: WARNING_MESSAGES[code as WarningCode] ?? code,
  }));

/**
 * Rule 2d, Engagement elsewhere is a warning: a grant for someone whose active engagements are
 * all at other care units than the assignment's. "Elsewhere" compares the care unit alone, not its
 * administration or care provider: the assignment is the unit's, and a colleague of the same
 * hospital group is still not staff of this unit. Nobody without an active engagement gets here:
 * that is the hard rule 2a (NO_ACTIVE_ENGAGEMENT).
 */
export function engagementElsewhere(
  type: 'GRANT' | 'REVOKE' | 'CHANGE',
  engagedUnitIds: readonly string[],
  careUnitId: string,
): boolean {
  return type === 'GRANT' && engagedUnitIds.length > 0 && !engagedUnitIds.includes(careUnitId);
}

/** The 422 that asks the orderer to confirm; nothing of the send was written. */
export function orderWarningsProblem(warnings: readonly OrderWarning[]): ProblemException {
  const detail =
    warnings.length === 1
      ? `${warnings[0].message} Bekräfta varningen och skicka igen för att beställa ändå.`
      : `Beställningen har ${warnings.length} varningar; se de markerade raderna. Bekräfta varningarna och skicka igen för att beställa ändå.`;
  return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'order-warnings', detail, {
    title: 'Varningar att bekräfta',
    warnings: [...warnings],
  });
}

/** The care units where the person has an engagement valid on `day` (rule 2d reads them). */
export async function engagedUnitsOf(
  db: DataSource | EntityManager,
  personId: string,
  day: string,
): Promise<string[]> {
  const [row] = await db.query<{ units: string[] }[]>(
    `SELECT ${activeEngagementUnitsSql('$1::uuid', '$2')} AS units`,
    [personId, day],
  );
  return row?.units ?? [];
}

/**
 * The OpenAPI description of a send's 422: a rule refuses it (`refusal`) or a warning waits for
 * confirmation (OrderWarningsProblem). One status, two problem types.
 */
export const ApiRefusedOrWarned = (refusal: Type<ProblemDetails>, description: string) =>
  applyDecorators(
    ApiExtraModels(refusal, OrderWarningsProblem),
    ApiResponse({
      status: 422,
      description: `${description} Or: ${ORDER_WARNINGS_ANSWER}`,
      content: {
        [PROBLEM_MEDIA_TYPE]: {
          schema: {
            oneOf: [{ $ref: getSchemaPath(refusal) }, { $ref: getSchemaPath(OrderWarningsProblem) }],
          },
        },
      },
    }),
  );
