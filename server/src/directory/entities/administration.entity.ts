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

  /**
   * The förvaltningschef, BEH's own (KIV names none, and the directory sync never writes it): an
   * access review escalates the administration's units with open items to them (rule 40).
   */
  @Column({ name: 'head_person_id', type: 'uuid', nullable: true })
  headPersonId!: string | null;
}
