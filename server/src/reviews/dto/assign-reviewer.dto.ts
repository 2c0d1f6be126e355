import { Id } from '../../common/field-rules.js';

/**
 * PUT /api/review-campaigns/:id/reviewer: a care unit's (or a verksamhet's) unsigned items to
 * another reviewer. Exactly one of careUnitId and accessOperationId.
 */
export class AssignReviewerDto {
  /** The care unit whose VMU items are handed over. */
  @Id('optional') careUnitId?: string;
  /** The verksamhet whose template items are handed over. */
  @Id('optional') accessOperationId?: string;
  /** The head of the unit (verksamhet) or an ATTEST delegate covering its items. */
  @Id('required') reviewerId!: string;
}
