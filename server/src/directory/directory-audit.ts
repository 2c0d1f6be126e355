import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from 'typeorm';
import { toJson } from '../audit/audit-chain.js';
import { AuditService } from '../audit/audit.service.js';
import type { DirectoryRecord } from './entities/base.js';

/** How the audit log names one kind of directory row. */
export interface AuditSubject {
  /** The event's entityType, e.g. 'care_unit'. */
  entityType: string;
  /** The stem of its actions: 'CARE_UNIT' for CARE_UNIT_CREATED, CARE_UNIT_UPDATED, CARE_UNIT_DELETED. */
  action: string;
}

/** A directory row as the audit log keeps it. */
export type RowSnapshot = Record<string, unknown>;

/**
 * The row's own columns: the id is the event's entityId, and the timestamps say nothing the
 * event's own time does not. References stay ids (a care unit's headOfUnitId, an engagement's
 * personId): names change, the id is what the right was given to.
 */
export function rowSnapshot(row: DirectoryRecord): RowSnapshot {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = row;
  return columns;
}

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/**
 * The one way a change of directory data reaches the audit log (rule 24, Every change is audited):
 * exactly one event per create, update or delete, in the write's own transaction, so that the event
 * exists exactly when the change does (a refused write rolls both back). Who changed a person, an
 * engagement or a care unit's head matters as much as who ordered a VMU: a head of unit may order
 * and attest for the whole unit.
 */
@Injectable()
export class DirectoryAudit {
  constructor(private readonly audit: AuditService) {}

  /**
   * Records the change of row `id` from `before` to `after` (undefined: the row did not exist
   * before, or no longer does). An update that leaves every column as it was changed nothing and
   * records nothing. `action` overrides the event's action, e.g. CARE_UNIT_HEAD_CHANGED.
   */
  async record(
    m: EntityManager,
    actorId: string | null,
    subject: AuditSubject,
    id: string,
    before: RowSnapshot | undefined,
    after: RowSnapshot | undefined,
    action?: string,
  ): Promise<void> {
    if (before && after && isDeepStrictEqual(toJson(before), toJson(after))) return;
    const kind: ChangeKind = before === undefined ? 'CREATED' : after === undefined ? 'DELETED' : 'UPDATED';
    await this.audit.append(m, {
      actorId,
      action: action ?? `${subject.action}_${kind}`,
      entityType: subject.entityType,
      entityId: id,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });
  }
}
