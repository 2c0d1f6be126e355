import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One audit event. Written only by AuditService.append (the id comes from the sequence while
 * the chain head is locked, so ids follow the chain); never updated or deleted.
 */
@Entity('audit_event')
export class AuditEvent {
  /** bigint: PostgreSQL's int8 comes back as a string, which is also what the API answers. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The person who acted; null for the system itself (scheduler, migrations). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar' })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
