import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor, SessionPerson } from '../common/auth/request-auth.js';
import { findPersonSql, personNamesSql } from '../directory/directory.reads.js';
import { MailService } from '../mail/mail.service.js';
import type { DelegationMailData } from '../mail/templates/index.js';
import { mailTargetOf, type TargetNames } from './delegation-mail-facts.js';
import type {
  DelegationEventItem,
  DelegationItem,
  DelegationSnapshot,
  EventAction,
} from './delegation.types.js';

/** The audit log's entity type of a delegation, and its actions: DELEGATION_CREATED and so on. */
const ENTITY_TYPE = 'delegation';
const ACTION_PREFIX = 'DELEGATION_';
const EVENT_ACTIONS: readonly string[] = ['CREATED', 'LIMITED', 'REVOKED'] satisfies EventAction[];

/**
 * Everything a change of a delegation leaves behind, written in the change's own transaction:
 * its event in the audit log (the one history of a delegation, which the delegation view shows)
 * and, for a grant or a revocation, a mail to the delegate.
 */
@Injectable()
export class DelegationRecorder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async record(
    m: EntityManager,
    actor: Actor,
    action: EventAction,
    delegation: DelegationItem,
    before: DelegationSnapshot | null,
    after: DelegationSnapshot,
  ): Promise<void> {
    await this.audit.append(m, {
      actorId: actor.person.id,
      action: `${ACTION_PREFIX}${action}`,
      entityType: ENTITY_TYPE,
      entityId: delegation.id,
      ...(before === null ? {} : { before }),
      after,
    });
    if (action === 'LIMITED') return;
    const [delegate] = await m.query<{ person: SessionPerson | null }[]>(findPersonSql('id', '$1'), [
      delegation.delegateId,
    ]);
    const data: DelegationMailData & TargetNames = {
      delegationId: delegation.id,
      recipientName: delegation.delegateName,
      ...mailTargetOf(delegation),
      rights: delegation.rights,
      assignmentNames: delegation.assignmentNames,
      validFrom: delegation.validFrom,
      validTo: delegation.validTo,
      byName: `${actor.person.firstName} ${actor.person.lastName}`,
    };
    await this.mail.enqueue(m, {
      to: delegate?.person?.email,
      template: action === 'CREATED' ? 'DELEGATION_GRANTED' : 'DELEGATION_REVOKED',
      data,
    });
  }

  /** The delegation's history as the delegation view shows it: its audit events, as they happened. */
  async history(delegationId: string): Promise<DelegationEventItem[]> {
    const events = (await this.audit.historyOf(ENTITY_TYPE, delegationId)).filter(
      (e) =>
        e.action.startsWith(ACTION_PREFIX) && EVENT_ACTIONS.includes(e.action.slice(ACTION_PREFIX.length)),
    );
    const actorIds = [...new Set(events.flatMap((e) => (e.actorId === null ? [] : [e.actorId])))];
    const names = new Map(
      (await this.db.query<{ id: string; name: string }[]>(personNamesSql('$1'), [actorIds])).map((p) => [
        p.id,
        p.name,
      ]),
    );
    return events.map((e) => ({
      id: e.id,
      at: e.at,
      // No actor: the system (a delegation ended because its delegate left the unit).
      actorName: e.actorId === null ? 'Systemet (KIV)' : (names.get(e.actorId) ?? ''),
      action: e.action.slice(ACTION_PREFIX.length) as EventAction,
      // Written by record() above from these very snapshots.
      before: e.before as unknown as DelegationSnapshot | null,
      after: e.after as unknown as DelegationSnapshot,
    }));
  }
}
