/** Texts of the shared date field (common/IsoDateInput.tsx). */
export const svEnglish = {
  beh: {
    dateInput: {
      placeholder: 'ÅÅÅÅ-MM-DD',
      invalid: 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-06-02.',
      notADate: 'Datumet finns inte i almanackan. Kontrollera månad och dag.',
    },
  },
};
