import { Id } from '../../common/field-rules.js';

/** PUT /api/review-campaigns/:id/reviewer: a unit's unsigned items to another reviewer. */
export class AssignReviewerDto {
  @Id('required') careUnitId!: string;
  /** The head of the unit or an ATTEST delegate covering its items' assignments. */
  @Id('required') reviewerId!: string;
}
