/**
 * Texts of ordering access to local and regional systems (issue 14): the wizard "Beställning av
 * Behörigheter", the start page's tile, the order lists' and view's template lines, system parts and
 * Återkopplingsinfo. Merged into i18n/sv.ts.
 */
export const svAccessOrders = {
  beh: {
    start: {
      access: {
        title: 'Lokala och Regionala system',
        description:
          'Här beställs, förändras eller avslutas behörigheter för en användare till vårdsystem och administrativa system som används lokalt och regionalt i regionen.',
        manual: 'Manual för behörighetsbeställning',
      },
    },
    orders: {
      type: {
        CHANGE: 'Förändring',
      },
      eventAction: {
        ACCESS_ORDER_HANDED_OVER: 'Lämnad till utförande',
        ACCESS_PART_DONE: 'Utförd i ett system',
        ACCESS_PART_REFUSED: 'Avböjd i ett system',
        ACCESS_PART_SCIM_FAILED: 'SCIM-leveransen misslyckades',
        ACCESS_FEEDBACK_READ: 'Inloggningsuppgifterna visades',
      },
      kind: {
        VMU: 'Vårdmedarbetaruppdrag',
        ACCESS: 'Lokala och regionala system',
      },
    },
    accessOrders: {
      title: 'Beställning av Behörigheter',
      stepHeading: {
        person: 'Sök fram användare',
        assignments: 'Välj behörigheter',
        review: 'Granska beställning',
        receipt: 'Beställningen är skickad',
      },
      typeHelp: {
        GRANT: 'Nyupplägg: ny behörighet enligt en behörighetsmall',
        CHANGE: 'Förändring: byt behörighetsmall eller yrkeskategori för en behörighet användaren har',
        REVOKE: 'Avslut: behörigheter som användaren inte längre ska ha',
      },
      noActiveEngagement:
        'Nyupplägg och förändring kräver att användaren har ett aktivt engagemang i KIV. Endast valet avslut kan då väljas.',
      templates: 'Behörighetsmallar',
      help: {
        GRANT:
          'Välj område, verksamhet, behörighetsmall och yrkeskategori och välj Lägg till. Lägg till fler mallar på samma sätt. Du ser bara de verksamheter du får beställa för.',
        CHANGE:
          'Välj den behörighetsmall som ska förändras, och därefter den nya behörighetsmallen och yrkeskategorin. Roller som bara den gamla mallen ger tas bort och roller som bara den nya ger läggs till.',
        REVOKE:
          'Markera de behörighetsmallar som ska avslutas. På nästa sida anger du när behörigheterna ska upphöra.',
      },
      area: 'Område',
      operation: 'Verksamhet',
      template: 'Behörighetsmall',
      profession: 'Yrkeskategori',
      systems: 'System och roller',
      addLine: 'Lägg till',
      alreadyChosen: 'Redan vald i beställningen',
      noTemplates: 'Verksamheten har inga behörighetsmallar att beställa.',
      pickIncomplete: 'Välj område, verksamhet, behörighetsmall och yrkeskategori innan du lägger till.',
      noOperations: 'Du har ingen behörighet att beställa för någon verksamhet.',
      nothingHeld: 'Användaren har inga behörighetsmallar i de verksamheter du beställer för.',
      heldLegend: 'Behörighetsmallar som användaren har',
      changeFrom: 'Behörighetsmall som ska förändras',
      changeFromHelp: 'Behörighetsmallar som användaren har i de verksamheter du beställer för',
      changeTo: 'Ny behörighetsmall och yrkeskategori',
      linePair: 'Behörighetsmall %{template} | Yrkeskategori: %{profession}',
      replaces: 'Ersätter: Behörighetsmall %{template} | Yrkeskategori: %{profession}',
      place: 'Område: %{area} | Verksamhet: %{operation}',
      chosenLines: 'Valda behörighetsmallar (%{smart_count})',
      noneChosen: 'Inga behörighetsmallar är valda ännu.',
      chooseOne: 'Lägg till minst en behörighetsmall för att gå vidare.',
      reviewHelp:
        'Kontrollera att allt ser rätt ut. Välj Ta bort om du ångrat dig, och välj attestant för varje verksamhet. Varje verksamhet blir en egen beställning.',
      reviewLines: 'Behörigheter',
      nothingLeft: 'Det finns inga behörighetsmallar kvar i beställningen. Gå tillbaka och välj.',
      noAttestants: 'Ingen kan attestera för verksamheten',
      attestantRequired: 'Välj attestant för varje verksamhet',
      templateName: 'Behörighetsmall %{name}',
      professionName: 'Yrkeskategori %{name}',
      noOtherAttestants: 'Ingen annan kan attestera för verksamheten.',
      parts: {
        label: 'Utförande per system',
        system: 'System',
        method: 'Utförs',
        status: 'Status',
        doneAt: 'Klar',
        feedback: 'Återkopplingsinfo',
        reason: 'Skäl',
        methods: {
          MANUAL: 'Av systemets administratör',
          SCIM: 'Automatiskt (SCIM)',
        },
        statuses: {
          PENDING: 'Väntande',
          DONE: 'Utförd',
          REFUSED: 'Avböjd',
        },
      },
      feedback: {
        show: 'Visa inloggningsuppgifter',
        showFor: 'Visa inloggningsuppgifter för %{system}',
        title: 'Inloggningsuppgifter – %{system}',
        readsLeft: 'Kan visas en gång till |||| Kan visas %{smart_count} gånger',
        beforeFirst:
          'Inloggningsuppgifterna kan bara visas två gånger: nu och en gång till. Skriv upp dem eller lämna dem till användaren på ett säkert sätt innan du stänger rutan.',
        beforeLast:
          'Det här är sista gången inloggningsuppgifterna kan visas. Skriv upp dem eller lämna dem till användaren på ett säkert sätt innan du stänger rutan.',
        onceMore: 'Inloggningsuppgifterna kan visas en gång till.',
        lastTime: 'Inloggningsuppgifterna har nu visats två gånger och kan inte visas igen.',
        used: 'Har visats två gånger',
        ordererOnly: 'Finns, visas bara för beställaren',
      },
      vmu: {
        heading: 'Behörigheter i lokala och regionala system',
        required:
          'Uppdraget %{names} kräver att användaren även får behörighet i lokala eller regionala system. Lägg till en behörighetsmall: den skickas i samma beställning. |||| Uppdragen %{names} kräver att användaren även får behörighet i lokala eller regionala system. Lägg till en behörighetsmall: den skickas i samma beställning.',
        add: 'Lägg till behörighetsmall',
      },
      receipt: {
        perGroup: 'En beställning per vårdenhet och verksamhet:',
      },
    },
  },
};
