import { Column, Entity } from 'typeorm';
import { DirectoryRecord, type Purpose } from './base.js';

/** "Vilket uppdrag behöver jag?": which assignment a system (and use of it) needs. */
@Entity('system_guide')
export class SystemGuideEntry extends DirectoryRecord {
  @Column({ name: 'system_name', type: 'varchar' })
  systemName!: string;

  @Column({ name: 'use_case', type: 'varchar', default: '' })
  useCase!: string;

  @Column({ type: 'varchar' })
  purpose!: Purpose;

  @Column({ name: 'assignment_name', type: 'varchar' })
  assignmentName!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
