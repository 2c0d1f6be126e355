import type { DomainMessages } from './sv';
import type { svWizard } from './wizard.sv';

export const enWizard: DomainMessages<typeof svWizard> = {
  beh: {
    wizardUx: {
      cancelDialog: {
        content: 'Your choices will be discarded and you start again from step 1.',
      },
      cancelled: 'The order was cancelled. You can start again with a new search.',
      attestantHint: 'Type the beginning of the name or the VGR-ID to choose.',
      warning: {
        elsewhere:
          '%{name} has no active engagement at %{unit}. Their active engagements are at %{units}. Check that the person really is to work here.',
        title: 'Check the warning before you send |||| Check the warnings before you send',
        why: 'This is a warning, not a refusal: the person may be on loan or a consultant, or have a new engagement not yet visible in KIV. The attestant sees the warning too.',
        confirm: 'I have checked that the order is to be placed anyway',
        missing: 'Confirm the warning by ticking the box before you send the order.',
      },
    },
  },
};
