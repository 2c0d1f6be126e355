import { Column, Entity } from 'typeorm';
import { DirectoryRecord } from './base.js';

@Entity('care_unit')
export class CareUnit extends DirectoryRecord {
  @Column({ name: 'hsa_id', type: 'varchar' })
  hsaId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ name: 'administration_id', type: 'uuid' })
  administrationId!: string;

  /** The verksamhetschef registered in the directory; the source of the head-of-unit role. */
  @Column({ name: 'head_of_unit_id', type: 'uuid', nullable: true })
  headOfUnitId!: string | null;
}
