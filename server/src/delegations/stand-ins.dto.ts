import { CalendarDate, Id } from '../common/field-rules.js';

/** Names a stand-in (Ersättare) for the caller, an attestant, for a period of at most a year. */
export class CreateStandInDto {
  /** The person who stands in: active in the directory, not the caller. */
  @Id('required') standInId!: string;
  /** The first day (Stockholm), today or later. */
  @CalendarDate('required') validFrom!: string;
  /** The last day, on or after the first, at most a year after it. */
  @CalendarDate('required') validTo!: string;
}
