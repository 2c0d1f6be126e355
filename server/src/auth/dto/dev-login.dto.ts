import { Text } from '../../common/field-rules.js';

export class DevLoginDto {
  /** VGR-ID of the person to sign in as. */
  @Text('required', 32) userId!: string;
}
