import { HelpArticle, HelpHeading } from './HelpArticle';

/** Adapted from "Granskning och signering av beställning" in the regional VMU manual (seeds/001). */
export default function AttestHelp() {
  return (
    <HelpArticle
      title="Manual för attest/granskning"
      lead="Så granskar, godkänner eller avslår du en beställning som väntar på din attest, och signerar beslutet."
    >
      <HelpHeading>Vad är attest?</HelpHeading>
      <p>
        Varje beställning av ett vårdmedarbetaruppdrag – nyupplägg eller avslut – måste attesteras innan den
        utförs. Beställaren väljer attestant bland dem som får attestera för vårdenheten: verksamhetschefen
        och de som har en delegering för attest. Attesten är ett beslut som du signerar med ditt SITHS-kort;
        ett godkännande utan giltig signatur räknas inte.
      </p>

      <HelpHeading>Hitta beställningar att attestera</HelpHeading>
      <ul>
        <li>
          När en beställning skapas får du som attestant ett e-postmeddelande med en länk. Länken öppnar
          beställningen <strong>bara för dig</strong>: vidarebefordrar du meddelandet ser mottagaren
          ingenting.
        </li>
        <li>
          Alla beställningar som väntar på din attest finns under <em>Attestera beställningar</em> på
          startsidan.
        </li>
      </ul>

      <HelpHeading>Så gör du – steg för steg</HelpHeading>
      <ol>
        <li>
          Öppna beställningen. Du ser slutanvändare, beställare, när den beställdes, status, typ (nyupplägg
          eller avslut), förvaltning, startdatum och de beställda behörigheterna.
        </li>
        <li>
          Granska raderna. Ska en behörighet inte beviljas markerar du raden och väljer{' '}
          <em>Ta bort markerade</em>; resten av beställningen kan ändå godkännas.
        </li>
        <li>
          Välj <em>Godkänn</em> eller <em>Avslå</em>. Vid avslag måste du skriva en kommentar som förklarar
          varför; beställaren ser den.
        </li>
        <li>
          Ett nytt fönster öppnas för signering. Välj <em>Signera beställning</em>, välj ditt certifikat och
          ange din säkerhetskod (PIN) för SITHS-kortet – samma kod som vid inloggning.
        </li>
        <li>
          När du ser <em>Beställningen signerades</em> är attesten klar. Välj <em>Stäng fönstret</em> för att
          komma tillbaka till portalen.
        </li>
      </ol>

      <HelpHeading>Regler att känna till</HelpHeading>
      <ul>
        <li>Ett fysiskt SITHS-kort krävs för signering.</li>
        <li>Anger du fel PIN tre gånger i rad spärras signeringen.</li>
        <li>
          En godkänd beställning utförs på sitt startdatum, eller direkt om startdatumet redan har passerat.
          Beställaren får ett e-postmeddelande när den är utförd.
        </li>
        <li>
          Du kan bara attestera beställningar där du är vald attestant. Beställaren kan byta attestant så
          länge beställningen väntar på attest.
        </li>
      </ul>
    </HelpArticle>
  );
}
