import { ASSIGNMENT_KINDS, type AssignmentKind } from '../entities/assignment.entity.js';
import { PURPOSES, type Purpose } from '../entities/base.js';
import { Bool, HSA_ID, Id, OneOf, Text } from '../../common/field-rules.js';

export class CreateAssignmentDto {
  @Text('required', 64, HSA_ID) hsaId!: string;
  @Id('required') careUnitId!: string;
  @Text('required', 200) name!: string;
  @OneOf('required', PURPOSES, 'Purpose') purpose!: Purpose;
  @OneOf('required', ASSIGNMENT_KINDS, 'AssignmentKind') kind!: AssignmentKind;
  @Text('nullable', 4000) description?: string | null;
  @Bool('optional') privateProviderOnly?: boolean;
  /** "Kräver behörighet i lokala eller regionala system". */
  @Bool('optional') requiresLocalAccess?: boolean;
}

export class UpdateAssignmentDto {
  @Text('optional', 64, HSA_ID) hsaId?: string;
  @Id('optional') careUnitId?: string;
  @Text('optional', 200) name?: string;
  @OneOf('optional', PURPOSES, 'Purpose') purpose?: Purpose;
  @OneOf('optional', ASSIGNMENT_KINDS, 'AssignmentKind') kind?: AssignmentKind;
  @Text('nullable', 4000) description?: string | null;
  @Bool('optional') privateProviderOnly?: boolean;
  /** "Kräver behörighet i lokala eller regionala system". */
  @Bool('optional') requiresLocalAccess?: boolean;
}
