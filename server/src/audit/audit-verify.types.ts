import { Prop } from '../common/api-schema.js';
import { CHAIN_BREAKS, ChainBroken, ChainIntact } from './audit.service.js';

/*
 * The answers of verification, as classes only so that their property decorators describe them
 * in the OpenAPI description; never instantiated.
 */

/** The checkpoint a verification started after. */
export class ChainCheckpointView {
  @Prop.text({ description: 'The last event it vouches for.' }) eventId!: string;
  @Prop.int({ description: 'Events from the start of the chain up to and with eventId.' }) count!: number;
  @Prop.dateTime() verifiedAt!: Date;
}

/** What one `GET /api/audit-events/verify` recomputed. */
export class ChainCoverage {
  @Prop.bool({ description: 'true: started after a checkpoint; false: from the start of the chain.' })
  incremental!: boolean;
  @Prop.object(() => ChainCheckpointView, { nullable: true })
  checkpoint!: ChainCheckpointView | null;
  @Prop.text({ nullable: true, description: 'The first event recomputed; null when there was none new.' })
  fromId!: string | null;
  @Prop.text({ nullable: true, description: 'The last event recomputed and found whole.' })
  toId!: string | null;
  @Prop.int({ description: 'Events recomputed by this check.' }) checked!: number;
  @Prop.text({ nullable: true, description: 'The last event of the chain (its head).' })
  headId!: string | null;
  @Prop.bool({
    description:
      'false: the check stopped at its time limit before the head; the next one goes on from toId.',
  })
  complete!: boolean;
  @Prop.text({
    nullable: true,
    description: 'The full verification run whose break this answer repeats (the chain is known broken).',
  })
  brokenByRunId!: string | null;
}

export class ChainCheckIntact extends ChainIntact {
  @Prop.object(() => ChainCoverage) covered!: ChainCoverage;
}

export class ChainCheckBroken extends ChainBroken {
  @Prop.object(() => ChainCoverage) covered!: ChainCoverage;
}

export type ChainCheck = ChainCheckIntact | ChainCheckBroken;

export const VERIFY_RUN_STATUSES = ['RUNNING', 'INTACT', 'BROKEN', 'FAILED'] as const;
export type VerifyRunStatus = (typeof VERIFY_RUN_STATUSES)[number];

/** A full re-verification of the chain from its start, run in the background. */
export class VerifyRunView {
  @Prop.text() id!: string;
  @Prop.oneOf(VERIFY_RUN_STATUSES, 'VerifyRunStatus', {
    description: 'FAILED: it could not finish (its process stopped, or the database failed); see detail.',
  })
  status!: VerifyRunStatus;
  @Prop.id({ nullable: true }) startedBy!: string | null;
  @Prop.dateTime() startedAt!: Date;
  @Prop.dateTime({ description: 'The last sign of life of the process running it.' }) heartbeatAt!: Date;
  @Prop.dateTime({ nullable: true }) finishedAt!: Date | null;
  @Prop.text({ nullable: true, description: 'The chain head it verifies up to (null until read).' })
  toId!: string | null;
  @Prop.int({ nullable: true, description: 'Events to check (null until counted).' })
  total!: number | null;
  @Prop.int({ description: 'Events checked so far.' }) checked!: number;
  @Prop.int({ nullable: true, description: 'When finished: events found whole, in order.' })
  count!: number | null;
  @Prop.text({ nullable: true }) firstBrokenId!: string | null;
  @Prop.oneOf(CHAIN_BREAKS, 'ChainBreak', { nullable: true }) reason!: (typeof CHAIN_BREAKS)[number] | null;
  @Prop.text({ nullable: true }) detail!: string | null;
}
