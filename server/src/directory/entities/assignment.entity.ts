import { Column, Entity } from 'typeorm';
import { DirectoryRecord, type Purpose } from './base.js';

export const ASSIGNMENT_KINDS = ['GENERAL', 'SPECIAL'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** A vårdmedarbetaruppdrag in a care unit's catalogue (KIV objectClass hsaCommission). */
@Entity('assignment')
export class Assignment extends DirectoryRecord {
  @Column({ name: 'hsa_id', type: 'varchar' })
  hsaId!: string;

  @Column({ name: 'care_unit_id', type: 'uuid' })
  careUnitId!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'varchar' })
  purpose!: Purpose;

  @Column({ type: 'varchar' })
  kind!: AssignmentKind;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Administration Spärr & Logg: only for staff of a private care provider. */
  @Column({ name: 'private_provider_only', type: 'boolean', default: false })
  privateProviderOnly!: boolean;

  /**
   * "Kräver behörighet i lokala eller regionala system": an order of this assignment goes
   * together with an access template (issue 14).
   */
  @Column({ name: 'requires_local_access', type: 'boolean', default: false })
  requiresLocalAccess!: boolean;
}
