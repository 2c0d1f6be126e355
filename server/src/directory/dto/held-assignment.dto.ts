import { CalendarDate, Id } from '../../common/field-rules.js';

export class CreateHeldAssignmentDto {
  @Id('required') personId!: string;
  @Id('required') assignmentId!: string;
  @CalendarDate('required') validFrom!: string;
  @CalendarDate('nullable') validTo?: string | null;
}

export class UpdateHeldAssignmentDto {
  @Id('optional') personId?: string;
  @Id('optional') assignmentId?: string;
  @CalendarDate('optional') validFrom?: string;
  @CalendarDate('nullable') validTo?: string | null;
}
