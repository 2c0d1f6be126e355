import { HelpArticle, HelpHeading } from './HelpArticle';

/** Adapted from the regional manual "Instruktion – massbeställning av vårdmedarbetaruppdrag (VMU)" (seeds/000). */
export default function VmuMassHelp() {
  return (
    <HelpArticle
      title="Manual för massbeställning (VMU)"
      lead="Så lägger du till eller tar bort många användare på ett vårdmedarbetaruppdrag i en och samma beställning."
    >
      <HelpHeading>Vad är en massbeställning?</HelpHeading>
      <p>
        I en massbeställning utgår du från ett uppdrag i stället för från en person: du väljer ett
        vårdmedarbetaruppdrag på en vårdenhet och anger vilka användare som ska få det och vilka som ska
        förlora det. Det passar när en hel arbetsgrupp ska ha samma uppdrag, till exempel vid en
        omorganisation eller när en ny enhet startar.
      </p>

      <HelpHeading>Vem kan göra en massbeställning?</HelpHeading>
      <p>
        Du ser rutan <em>Vårdmedarbetaruppdrag (VMU) – flera användare</em> om du är verksamhetschef för en
        vårdenhet eller har en delegering för både <strong>beställning och attest</strong> på det aktuella
        uppdraget. Saknar du delegering behöver verksamhetschefen ge dig det.
      </p>

      <HelpHeading>Så gör du – steg för steg</HelpHeading>
      <ol>
        <li>
          Välj <em>Vårdmedarbetaruppdrag (VMU) – flera användare</em> på startsidan.
        </li>
        <li>
          Under <em>Beställ/avbeställ koppling till VMU</em> visas de vårdenheter du får beställa på. Klicka
          på plustecknet framför en vårdenhet för att se dess uppdrag, uppdelade i generella uppdrag (VoB SJF)
          och särskilda uppdrag (Administration Spärr &amp; Logg, Kvalitetssäkring, Statistik VE).
        </li>
        <li>
          Välj <em>Redigera användare</em> vid det uppdrag du vill lägga till eller ta bort användare på. Du
          ser då vilka som har uppdraget i dag.
        </li>
        <li>
          <strong>Lägg till användare:</strong> sök på förnamn, efternamn och/eller VGR-ID samt förvaltning.
          Det räcker till exempel att bara söka på VGR-ID. Flytta de personer som ska ha uppdraget till den
          högra listan med pilarna i mitten. Alla som ska läggas till måste flyttas över till höger.
        </li>
        <li>
          <strong>Ta bort användare:</strong> markera <em>Ta bort</em> vid de användare som inte längre ska ha
          uppdraget.
        </li>
        <li>
          Välj attestant och startdatum och skicka beställningen. Varje användare får en egen order med eget
          ordernummer, så att attest, utförande och återkoppling följs upp per person.
        </li>
      </ol>

      <HelpHeading>Regler att känna till</HelpHeading>
      <ul>
        <li>
          Beställningen skickas i sin helhet eller inte alls: går något inte att beställa för en av användarna
          skapas inga ordrar, och du får veta vilken användare och varför.
        </li>
        <li>
          Du kan lägga till och ta bort många användare i samma beställning – även flera hundra. Du behöver
          inte dela upp beställningen i omgångar.
        </li>
        <li>Nya användare måste ha ett aktivt engagemang i KIV för att kunna få ett uppdrag.</li>
        <li>
          Administration Spärr &amp; Logg får bara beställas till medarbetare hos en privat vårdgivare som
          administrerar spärr och logg.
        </li>
        <li>
          Attest, signering och utförande fungerar som för en enskild beställning; se manualen för
          attest/granskning.
        </li>
      </ul>
    </HelpArticle>
  );
}
