import { Column, Entity } from 'typeorm';
import { DirectoryRecord } from './base.js';

@Entity('engagement')
export class Engagement extends DirectoryRecord {
  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'care_unit_id', type: 'uuid' })
  careUnitId!: string;

  /** Ansvarsnummer, e.g. W77100. */
  @Column({ name: 'cost_centre', type: 'varchar' })
  costCentre!: string;

  @Column({ type: 'varchar', nullable: true })
  title!: string | null;

  /** Calendar dates (Europe/Stockholm) as YYYY-MM-DD. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
