import { Column, Entity } from 'typeorm';
import { DirectoryRecord } from './base.js';

/** A förvaltning: an organisation inside the care provider (e.g. a hospital group). */
@Entity('administration')
export class Administration extends DirectoryRecord {
  @Column({ type: 'varchar' })
  code!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ name: 'care_provider_id', type: 'uuid' })
  careProviderId!: string;
}
