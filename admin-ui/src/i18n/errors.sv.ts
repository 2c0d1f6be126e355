/**
 * Texts of the shared error handling, loading and accessibility aids (common/http.ts,
 * layout/Layout.tsx): what went wrong and what to do, in whole sentences. Merged into sv.ts.
 */
export const svErrors = {
  beh: {
    error: {
      network: 'Kunde inte nå BEH. Kontrollera nätverksanslutningen och försök igen.',
      server:
        'BEH kunde inte utföra åtgärden just nu. Försök igen om en stund, och kontakta supporten om felet kvarstår.',
      request: 'Åtgärden kunde inte utföras. Ladda om sidan och försök igen.',
      session: 'Du är inte längre inloggad. Logga in igen för att fortsätta.',
      stale: 'Uppgifterna nedan kan vara inaktuella.',
      notLoaded: 'Uppgifterna kunde inte hämtas.',
      retry: 'Försök igen',
      page: 'Sidan kunde inte visas. Ladda om sidan och försök igen.',
    },
    a11y: {
      loading: 'Hämtar uppgifter',
    },
  },
};
