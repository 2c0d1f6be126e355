import { HelpArticle, HelpHeading } from './HelpArticle';

/** Adapted from the regional manual "Instruktion – beställning av vårdmedarbetaruppdrag (VMU)" (seeds/001). */
export default function VmuSingleHelp() {
  return (
    <HelpArticle
      title="Manual för vårdmedarbetaruppdrag"
      lead="Så beställer du ett nytt vårdmedarbetaruppdrag (VMU) till en användare, eller avslutar ett uppdrag användaren har."
    >
      <HelpHeading>Vad är ett vårdmedarbetaruppdrag?</HelpHeading>
      <p>
        Ett vårdmedarbetaruppdrag ger en medarbetare rätt att arbeta i vårdens system för en viss vårdenhet
        och med ett visst syfte: vård och behandling, kvalitetssäkring, administration eller statistik.
        Uppdragen finns i katalogen (KIV) under varje vårdenhet. <strong>VoB SJF</strong> (vård och
        behandling, sammanhållen journalföring) är ett generellt uppdrag; Administration Spärr &amp; Logg,
        Kvalitetssäkring och Statistik VE är särskilda uppdrag.
      </p>

      <HelpHeading>Vem kan beställa?</HelpHeading>
      <p>
        Du ser rutan <em>Vårdmedarbetaruppdrag (VMU) – en användare</em> på startsidan om du är registrerad i
        KIV som verksamhetschef för en vårdenhet, eller om verksamhetschefen har gett dig en delegering för
        både beställning och attest. Du kan bara beställa de uppdrag som din delegering omfattar. Saknar du
        delegering behöver verksamhetschefen ge dig det.
      </p>

      <HelpHeading>Så gör du – steg för steg</HelpHeading>
      <ol>
        <li>
          <strong>Välj rutan</strong> <em>Vårdmedarbetaruppdrag (VMU) – en användare</em> på startsidan. Ska
          du beställa till flera användare på en gång finns massbeställningen och en egen manual för den.
        </li>
        <li>
          <strong>Personuppgifter</strong> (guidens steg 1). Sök fram användaren på personnummer (enligt
          formatet ÅÅÅÅMMDDNNNN), passnummer eller HSA-id. Uppgifterna som visas – VGR-ID, förnamn, efternamn,
          ansvarsnummer, titel och HSA-id – hämtas från KIV. Kontrollera att det är rätt person och välj{' '}
          <em>Fortsätt</em>.
        </li>
        <li>
          <strong>Behörigheter</strong> (steg 2). Välj <em>Nyupplägg</em> eller <em>Avslut</em>. Nyupplägg går
          bara att välja om användaren har ett aktivt engagemang i KIV; annars kan bara avslut väljas.
          Expandera vårdenheten genom att klicka på plustecknet framför namnet och markera de uppdrag som ska
          beställas. Listan visar bara de vårdenheter och uppdrag du har rätt att beställa på. Välj{' '}
          <em>Nästa</em>.
        </li>
        <li>
          <strong>Granska / Beställ</strong> (steg 3). Du ser en sammanställning av de valda uppdragen.
          Kontrollera att allt stämmer och välj <em>Ta bort</em> på en rad om du ångrat dig. Välj attestant i
          listan – bara de som får attestera för vårdenheten visas. Ange <em>Startdatum</em>: när användaren
          behöver sin behörighet. Markera <em>Akut</em> om beställningen brådskar. Välj{' '}
          <em>Skicka beställning</em>.
        </li>
        <li>
          <strong>Kvittens.</strong> Beställningen är skapad och du får ett eller flera ordernummer, till
          exempel BEH5648820. Omfattar beställningen flera vårdenheter blir det en order per vårdenhet.
        </li>
      </ol>

      <HelpHeading>Regler att känna till</HelpHeading>
      <ul>
        <li>
          Administration Spärr &amp; Logg får bara beställas till medarbetare hos en{' '}
          <strong>privat vårdgivare</strong> som administrerar spärr och logg.
        </li>
        <li>
          En attesterad beställning aktiveras automatiskt på startdatumet. Är startdatumet i dag eller
          tidigare utförs den direkt när den attesterats.
        </li>
        <li>Attestanten får ett e-postmeddelande med en länk till beställningen.</li>
      </ul>

      <HelpHeading>Mina beställningar och byte av attestant</HelpHeading>
      <p>
        Under <em>Mina beställningar</em> i rutan för vårdmedarbetaruppdrag ser du de beställningar du gjort:
        beställd, ordernummer, beställare, slutanvändare, status, typ och återkopplingsinfo.{' '}
        <em>Alla beställningar</em> visar beställningarna inom dina vårdenheter. Öppna en beställning genom
        att klicka på den.
      </p>
      <p>
        Så länge beställningen väntar på attest kan du som beställare byta attestant: öppna beställningen,
        välj <em>Byt attestant</em>, välj den nya attestanten och bekräfta. Den nya attestanten får ett
        e-postmeddelande. Bara den som gjorde beställningen kan byta attestant.
      </p>

      <HelpHeading>Återkoppling</HelpHeading>
      <p>
        När beställningen är utförd får du som beställare ett e-postmeddelande. Följ länken och se status och
        återkopplingsinfo på beställningen. Återkopplingsinfon kan bara beställaren läsa.
      </p>

      <HelpHeading>Avsluta ett vårdmedarbetaruppdrag</HelpHeading>
      <ol>
        <li>Välj rutan för vårdmedarbetaruppdrag och sök fram användaren som vanligt.</li>
        <li>
          Välj <em>Avslut</em>. Nu visas bara de uppdrag användaren har. Markera de uppdrag som ska avslutas
          och välj <em>Nästa</em>.
        </li>
        <li>
          Välj attestant. Som <em>Startdatum</em> anger du när behörigheten ska upphöra. Välj{' '}
          <em>Skicka beställning</em>.
        </li>
        <li>
          Attestanten får ett e-postmeddelande. När uppdragen är avslutade får du som beställare besked.
        </li>
      </ol>

      <HelpHeading>Vilket uppdrag behöver användaren?</HelpHeading>
      <table>
        <thead>
          <tr>
            <th scope="col">System</th>
            <th scope="col">Uppdrag</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Pascal</td>
            <td>VoB SJF</td>
          </tr>
          <tr>
            <td>NPÖ (nationell patientöversikt)</td>
            <td>VoB SJF</td>
          </tr>
          <tr>
            <td>Infektionsverktyget – uppföljning och statistik utan patientdata</td>
            <td>VoB (har användaren redan uppdraget för Pascal eller NPÖ räcker det)</td>
          </tr>
          <tr>
            <td>
              Infektionsverktyget – registerutdrag och koppling av postoperativa infektioner till utförda
              åtgärder på patient
            </td>
            <td>Kvalitetssäkring</td>
          </tr>
          <tr>
            <td>Statistikverktyg för intygstjänsten – statistikuttag för aktuell vårdenhet</td>
            <td>Statistik VE</td>
          </tr>
        </tbody>
      </table>
      <p>VoB = vård och behandling, SJF = sammanhållen journalföring.</p>
    </HelpArticle>
  );
}
