import { Column, Entity } from 'typeorm';
import { DirectoryRecord } from './base.js';

/** Who holds which assignment, and from/to when (hsaCommissionMember in KIV). */
@Entity('held_assignment')
export class HeldAssignment extends DirectoryRecord {
  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
