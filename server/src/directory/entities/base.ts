import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export abstract class DirectoryRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export const PURPOSES = ['CARE_AND_TREATMENT', 'QUALITY_ASSURANCE', 'ADMINISTRATION', 'STATISTICS'] as const;
export type Purpose = (typeof PURPOSES)[number];
