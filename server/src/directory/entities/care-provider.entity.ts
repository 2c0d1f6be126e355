import { Column, Entity } from 'typeorm';
import { DirectoryRecord } from './base.js';

export const PROVIDER_KINDS = ['REGIONAL', 'PRIVATE'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

@Entity('care_provider')
export class CareProvider extends DirectoryRecord {
  @Column({ name: 'hsa_id', type: 'varchar' })
  hsaId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'varchar' })
  kind!: ProviderKind;
}
