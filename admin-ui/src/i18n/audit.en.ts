import type { svAudit } from './audit.sv';
import type { DomainMessages } from './sv';

export const enAudit: DomainMessages<typeof svAudit> = {
  beh: {
    auditEvents: {
      verify: {
        openEvent: 'Open event %{id}',
        fromStart: 'The check recomputed the chain from its start: events %{from}–%{to}.',
        sinceCheckpoint:
          'The check recomputed events %{from}–%{to} (%{n}) after the checkpoint at event %{checkpoint} of %{at}.',
        nothingNew:
          'No new events since the checkpoint at event %{checkpoint} of %{at}; its hash still matches.',
        beforeCheckpoint: 'The events before the checkpoint are recomputed by a full verification.',
        incomplete:
          'The check reached event %{to} within its time limit; the chain ends at event %{head}. Verify again to go on, or start a full verification.',
        brokenByRun:
          'The break was found by full verification no. %{run}. The chain counts as broken until a new full verification finds it intact.',
      },
      fullRun: {
        heading: 'Full verification',
        explain:
          'Recomputes the whole chain from its start in the background. The window may be closed; the progress is kept and shown here.',
        start: 'Start full verification',
        none: 'No full verification has run yet.',
        progressLabel: 'Progress of the full verification',
        RUNNING: 'Verification no. %{id} running since %{at}: %{checked} of %{total} events checked.',
        INTACT: 'Verification no. %{id}, done %{at}: intact, %{count} events checked.',
        BROKEN:
          'Verification no. %{id}, done %{at}: broken at event %{brokenId} (%{reason}); %{count} events intact before it.',
        FAILED: 'Verification no. %{id} stopped %{at}: %{detail}',
        unknownTotal: 'an unknown number of',
      },
    },
  },
};
