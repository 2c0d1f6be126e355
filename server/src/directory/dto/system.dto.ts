import { PURPOSES, type Purpose } from '../entities/base.js';
import { OneOf, Text } from '../../common/field-rules.js';

/** A row of the systems guide ("Vilket uppdrag behöver jag?"). */
export class CreateSystemDto {
  @Text('required', 200) systemName!: string;
  /** Empty when the system needs the same assignment for every use. */
  @Text('nullable', 500) useCase?: string | null;
  @OneOf('required', PURPOSES, 'Purpose') purpose!: Purpose;
  @Text('required', 200) assignmentName!: string;
  @Text('nullable', 4000) note?: string | null;
}

export class UpdateSystemDto {
  @Text('optional', 200) systemName?: string;
  @Text('nullable', 500) useCase?: string | null;
  @OneOf('optional', PURPOSES, 'Purpose') purpose?: Purpose;
  @Text('optional', 200) assignmentName?: string;
  @Text('nullable', 4000) note?: string | null;
}
