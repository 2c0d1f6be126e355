import { Column, Entity } from 'typeorm';
import { DirectoryRecord } from './base.js';

@Entity('person')
export class Person extends DirectoryRecord {
  @Column({ name: 'hsa_id', type: 'varchar' })
  hsaId!: string;

  /** VGR-ID, the short login name. */
  @Column({ name: 'user_id', type: 'varchar' })
  userId!: string;

  /** Twelve digits, normalised; null for staff identified by passport only. */
  @Column({ type: 'char', length: 12, nullable: true })
  personnummer!: string | null;

  @Column({ name: 'passport_number', type: 'varchar', nullable: true })
  passportNumber!: string | null;

  @Column({ name: 'first_name', type: 'varchar' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar' })
  lastName!: string;

  @Column({ type: 'varchar', nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', nullable: true })
  email!: string | null;

  @Column({ name: 'protected_identity', type: 'boolean', default: false })
  protectedIdentity!: boolean;

  /** Directory flag for portal administrators; never writable through the API. */
  @Column({ name: 'is_administrator', type: 'boolean', default: false })
  isAdministrator!: boolean;
}
