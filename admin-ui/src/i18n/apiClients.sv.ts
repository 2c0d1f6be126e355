/**
 * Texts of the API clients (other systems' bearer tokens) and their events in the audit log.
 * Merged into sv.ts.
 */
export const svApiClients = {
  resources: {
    'api-clients': {
      name: 'API-klient |||| API-klienter',
      fields: {
        q: 'Sök',
        name: 'Namn',
        scopes: 'Behörigheter',
        expiresOn: 'Giltig till och med',
        status: 'Status',
        lastUsedAt: 'Senast använd',
        createdAt: 'Skapad',
        revokedAt: 'Återkallad',
      },
    },
  },
  beh: {
    apiClients: {
      searchHint: 'Sök på namn',
      actions: 'Åtgärder',
      createTitle: 'Ny API-klient',
      intro:
        'En API-klient är ett annat system, till exempel regionens servicedesk eller rapportering, som läser ur BEH med en egen nyckel i stället för en inloggning. Ge klienten bara de behörigheter den behöver. Varje anrop loggas i händelseloggen under klientens namn.',
      scope: {
        'orders:read': 'Läsa beställningar och deras status i hela regionen',
        'holdings:read': 'Läsa vem som innehar vilka uppdrag',
        'delegations:read': 'Läsa delegeringar i hela regionen',
        'persons:lookup': 'Slå upp en person på personnummer, passnummer eller HSA-id (uppslaget loggas)',
      },
      scopesRequired: 'Välj minst en behörighet',
      expiresHelp: 'Sista dagen klienten får anropa. Högst två år fram; skapa sedan en ny klient.',
      expiresInPast: 'Datumet har redan passerat',
      expiresTooLate: 'Högst två år fram',
      createdTitle: 'API-klienten är skapad',
      createdHeading: 'API-klienten %{name} är skapad',
      onceWarning:
        'Kopiera nyckeln nu och lämna den säkert till systemets ansvariga. Den visas bara den här gången och kan inte visas igen: BEH sparar bara ett kontrollvärde av den. Tappas nyckeln bort får du skapa en ny klient och återkalla den här.',
      token: 'Nyckel',
      usage: 'Systemet skickar nyckeln i varje anrop i rubriken',
      copy: 'Kopiera nyckeln',
      copied: 'Nyckeln är kopierad',
      copyFailed: 'Kunde inte kopiera automatiskt. Markera nyckeln och kopiera den själv.',
      done: 'Klar',
      revoke: 'Återkalla',
      revoked: 'API-klienten %{name} är återkallad',
      revokeDialog: {
        title: 'Återkalla API-klienten %{name}?',
        content:
          'Klientens nyckel slutar gälla direkt och kan inte aktiveras igen. Systemet som använder den kan inte längre anropa BEH.',
      },
      status: { ACTIVE: 'Aktiv', EXPIRED: 'Har gått ut', REVOKED: 'Återkallad' },
    },
    auditEvents: {
      entityType: { api_client: 'API-klient' },
      action: {
        API_CLIENT_CREATED: 'API-klient skapad',
        API_CLIENT_REVOKED: 'API-klient återkallad',
        API_CLIENT_CALL: 'Anrop från API-klient',
      },
    },
  },
};
