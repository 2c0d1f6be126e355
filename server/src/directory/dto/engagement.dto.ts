import { CalendarDate, Id, Text } from '../../common/field-rules.js';

export class CreateEngagementDto {
  @Id('required') personId!: string;
  @Id('required') careUnitId!: string;
  /** Ansvarsnummer, e.g. W77100. */
  @Text('required', 16) costCentre!: string;
  @Text('nullable', 200) title?: string | null;
  @CalendarDate('required') validFrom!: string;
  @CalendarDate('nullable') validTo?: string | null;
}

export class UpdateEngagementDto {
  @Id('optional') personId?: string;
  @Id('optional') careUnitId?: string;
  @Text('optional', 16) costCentre?: string;
  @Text('nullable', 200) title?: string | null;
  @CalendarDate('optional') validFrom?: string;
  @CalendarDate('nullable') validTo?: string | null;
}
