import { HSA_ID, Id, Text } from '../../common/field-rules.js';

export class CreateCareUnitDto {
  @Text('required', 64, HSA_ID) hsaId!: string;
  @Text('required', 200) name!: string;
  @Id('required') administrationId!: string;
  @Id('nullable') headOfUnitId?: string | null;
}

export class UpdateCareUnitDto {
  @Text('optional', 64, HSA_ID) hsaId?: string;
  @Text('optional', 200) name?: string;
  @Id('optional') administrationId?: string;
  @Id('nullable') headOfUnitId?: string | null;
}
