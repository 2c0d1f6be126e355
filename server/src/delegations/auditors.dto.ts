import { Id } from '../common/field-rules.js';

/** Makes a person an auditor (Revisorer): reads region-wide, changes nothing. */
export class CreateAuditorDto {
  @Id('required')
  personId!: string;
}
