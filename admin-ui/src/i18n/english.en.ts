import type { svEnglish } from './english.sv';
import type { DomainMessages } from './sv';

export const enEnglish: DomainMessages<typeof svEnglish> = {
  beh: {
    dateInput: {
      // The portal writes dates year first in both languages (issue 13, point 8).
      placeholder: 'YYYY-MM-DD',
      invalid: 'Write the date as YYYY-MM-DD, for example 2026-06-02.',
      notADate: 'The date does not exist in the calendar. Check the month and the day.',
    },
  },
};
