import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { isUuid } from '../../common/uuid.js';

export const REVIEW_DECISIONS = ['KEEP', 'REMOVE'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A reviewer's page holds at most a few thousand items; one save may set them all. */
export const MAX_DECISIONS = 10_000;
const MAX_COMMENT = 1000;

/** One line's decision: Behåll or Ta bort (a comment required), or null to undo an unsigned one. */
export class ReviewDecisionLine {
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ enum: [...REVIEW_DECISIONS], enumName: 'ReviewDecision', nullable: true })
  decision!: ReviewDecision | null;
  @ApiProperty({ type: 'string', nullable: true, required: false, maxLength: MAX_COMMENT })
  comment?: string | null;
}

function linesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'måste vara en lista';
  if (value.length === 0) return 'måste innehålla minst ett beslut';
  if (value.length > MAX_DECISIONS) return `får innehålla högst ${MAX_DECISIONS} beslut`;
  const seen = new Set<string>();
  for (const line of value) {
    if (typeof line !== 'object' || line === null) return 'måste vara en lista av beslut';
    const { itemId, decision, comment } = line as Record<string, unknown>;
    if (!isUuid(itemId)) return 'har ett beslut utan giltigt id';
    if (seen.has((itemId as string).toLowerCase())) return 'får inte innehålla samma rad två gånger';
    seen.add((itemId as string).toLowerCase());
    if (decision !== null && decision !== 'KEEP' && decision !== 'REMOVE')
      return 'har ett beslut som inte är Behåll (KEEP) eller Ta bort (REMOVE)';
    if (comment !== undefined && comment !== null && typeof comment !== 'string')
      return 'har en kommentar som inte är text';
    if (typeof comment === 'string' && comment.trim().length > MAX_COMMENT)
      return `har en kommentar längre än ${MAX_COMMENT} tecken`;
  }
  return undefined;
}

/** PUT /api/review-campaigns/:id/decisions: drafts, with no effect until signed. */
export class SaveDecisionsDto {
  @ApiProperty({ type: ReviewDecisionLine, isArray: true, minItems: 1, maxItems: MAX_DECISIONS })
  @ValidateBy({
    name: 'decisions',
    validator: {
      validate: (value: unknown) => linesProblem(value) === undefined,
      defaultMessage: (args) => linesProblem(args?.value) ?? 'har fel format',
    },
  })
  decisions!: ReviewDecisionLine[];
}
