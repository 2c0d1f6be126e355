import { PROVIDER_KINDS, type ProviderKind } from '../entities/care-provider.entity.js';
import { HSA_ID, Id, OneOf, Text } from '../../common/field-rules.js';

export class CreateCareProviderDto {
  @Text('required', 64, HSA_ID) hsaId!: string;
  @Text('required', 200) name!: string;
  @OneOf('required', PROVIDER_KINDS, 'ProviderKind') kind!: ProviderKind;
}

export class UpdateCareProviderDto {
  @Text('optional', 64, HSA_ID) hsaId?: string;
  @Text('optional', 200) name?: string;
  @OneOf('optional', PROVIDER_KINDS, 'ProviderKind') kind?: ProviderKind;
}

export class CreateAdministrationDto {
  @Text('required', 32) code!: string;
  @Text('required', 200) name!: string;
  @Id('required') careProviderId!: string;
  @Id('nullable') headPersonId?: string | null;
}

export class UpdateAdministrationDto {
  @Text('optional', 32) code?: string;
  @Text('optional', 200) name?: string;
  @Id('optional') careProviderId?: string;
  @Id('nullable') headPersonId?: string | null;
}
