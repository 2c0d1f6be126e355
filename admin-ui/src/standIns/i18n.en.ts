import type { DomainMessages } from '../i18n/sv';
import type { svStandIns } from './i18n.sv';

export const enStandIns: DomainMessages<typeof svStandIns> = {
  resources: {
    'stand-ins': {
      name: 'Stand-in |||| Stand-ins',
      fields: {
        attestantName: 'Approver',
        standInName: 'Stand-in',
        standInId: 'Stand-in',
        validFrom: 'From',
        validTo: 'To',
        status: 'Status',
      },
    },
  },
  beh: {
    standIns: {
      add: 'Name a stand-in',
      end: 'End',
      endTitle: 'End the stand-in?',
      endContent: "The stand-in no longer sees or approves what awaits the approver's approval.",
      standInHint: 'The stand-in sees and approves what awaits your approval during the period.',
      validToHint: 'At most a year from the start date.',
      status: { ACTIVE: 'In force', UPCOMING: 'Upcoming', ENDED: 'Ended', REVOKED: 'Ended early' },
    },
    attest: {
      standInFor: 'Stand-in for %{name}',
    },
    auditEvents: {
      entityType: { stand_in: 'Stand-in' },
      action: { STAND_IN_NAMED: 'Stand-in named', STAND_IN_REVOKED: 'Stand-in ended' },
    },
  },
};
