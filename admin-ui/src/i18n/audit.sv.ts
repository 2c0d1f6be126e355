/**
 * Texts of the audit chain's verification: the incremental check's coverage and the full
 * verification run. Merged into sv.ts beside the audit log's other texts (orders.sv.ts).
 */
export const svAudit = {
  beh: {
    auditEvents: {
      verify: {
        openEvent: 'Öppna händelse %{id}',
        fromStart: 'Kontrollen räknade om kedjan från början: händelse %{from}–%{to}.',
        sinceCheckpoint:
          'Kontrollen räknade om händelse %{from}–%{to} (%{n} st.) efter kontrollpunkten vid händelse %{checkpoint} från %{at}.',
        nothingNew:
          'Inga nya händelser sedan kontrollpunkten vid händelse %{checkpoint} från %{at}; dess hash stämmer fortfarande.',
        beforeCheckpoint: 'Händelserna före kontrollpunkten kontrolleras om av en fullständig verifiering.',
        incomplete:
          'Kontrollen hann till händelse %{to} inom tidsgränsen; kedjan slutar vid händelse %{head}. Verifiera igen för att fortsätta, eller starta en fullständig verifiering.',
        brokenByRun:
          'Brottet hittades av den fullständiga verifieringen nr %{run}. Kedjan räknas som bruten tills en ny fullständig verifiering finner den hel.',
      },
      fullRun: {
        heading: 'Fullständig verifiering',
        explain:
          'Räknar om hela kedjan från början i bakgrunden. Fönstret kan stängas; förloppet sparas och syns här.',
        start: 'Starta fullständig verifiering',
        none: 'Ingen fullständig verifiering har körts ännu.',
        progressLabel: 'Förlopp för den fullständiga verifieringen',
        RUNNING: 'Verifiering nr %{id} pågår sedan %{at}: %{checked} av %{total} händelser kontrollerade.',
        INTACT: 'Verifiering nr %{id}, klar %{at}: hel, %{count} händelser kontrollerade.',
        BROKEN:
          'Verifiering nr %{id}, klar %{at}: bruten vid händelse %{brokenId} (%{reason}); %{count} händelser hela före den.',
        FAILED: 'Verifiering nr %{id} avbröts %{at}: %{detail}',
        unknownTotal: 'okänt antal',
      },
    },
  },
};
