import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import type { DelegationItem, DelegationSnapshot, EventAction } from './delegation.types.js';

/**
 * Everything a change of a delegation leaves behind, written in the change's own transaction:
 * its history row (what the delegation view shows), the audit log's event, and for a grant or a
 * revocation a mail to the delegate.
 */
@Injectable()
export class DelegationRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async record(
    m: EntityManager,
    actor: Actor,
    action: EventAction,
    delegation: DelegationItem,
    before: DelegationSnapshot | null,
    after: DelegationSnapshot,
  ): Promise<void> {
    await m.query(
      `INSERT INTO delegation_event (delegation_id, actor_id, action, before, after, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        delegation.id,
        actor.person.id,
        action,
        before === null ? null : JSON.stringify(before),
        JSON.stringify(after),
        this.clock.now(),
      ],
    );
    await this.audit.append(m, {
      actorId: actor.person.id,
      action: `DELEGATION_${action}`,
      entityType: 'delegation',
      entityId: delegation.id,
      ...(before === null ? {} : { before }),
      after,
    });
    if (action === 'LIMITED') return;
    const [delegate] = await m.query<{ email: string | null }[]>('SELECT email FROM person WHERE id = $1', [
      delegation.delegateId,
    ]);
    await this.mail.enqueue(m, {
      to: delegate?.email,
      template: action === 'CREATED' ? 'DELEGATION_GRANTED' : 'DELEGATION_REVOKED',
      data: {
        delegationId: delegation.id,
        recipientName: delegation.delegateName,
        careUnitName: delegation.careUnitName,
        rights: delegation.rights,
        assignmentNames: delegation.assignmentNames,
        validFrom: delegation.validFrom,
        validTo: delegation.validTo,
        byName: `${actor.person.firstName} ${actor.person.lastName}`,
      },
    });
  }
}
