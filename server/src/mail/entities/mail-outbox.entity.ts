import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MAIL_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
/** PENDING: waiting for (another) delivery attempt; SENT: accepted by the SMTP server; FAILED: undeliverable (no address). */
export type MailStatus = (typeof MAIL_STATUSES)[number];

@Entity('mail_outbox')
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null only for a mail whose recipient has no address; it is kept, FAILED, so an administrator sees it. */
  @Column({ name: 'to_address', type: 'varchar', nullable: true })
  to!: string | null;

  @Column({ type: 'varchar' })
  subject!: string;

  @Column({ name: 'text_body', type: 'text' })
  text!: string;

  @Column({ name: 'html_body', type: 'text' })
  html!: string;

  @Column({ type: 'varchar' })
  template!: string;

  @Column({ name: 'related_type', type: 'varchar', nullable: true })
  relatedType!: string | null;

  @Column({ name: 'related_id', type: 'varchar', nullable: true })
  relatedId!: string | null;

  @Column({ type: 'varchar', default: 'PENDING' })
  status!: MailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
