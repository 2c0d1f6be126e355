import { HelpArticle, HelpHeading } from '../pages/help/HelpArticle';

/**
 * "Manual för behörighetsbeställning": ordering access to local and regional systems (issue 14),
 * written from the feature as built, in the manner of the regional manual (seeds/001).
 */
export default function AccessOrderHelp() {
  return (
    <HelpArticle
      title="Manual för behörighetsbeställning"
      lead="Så beställer, förändrar eller avslutar du behörigheter för en användare i vårdsystem och administrativa system som används lokalt och regionalt i regionen."
    >
      <HelpHeading>Vad beställer jag?</HelpHeading>
      <p>
        Behörigheter i lokala och regionala system (till exempel Melior, ELVIS, Millennium, Sectra PACS,
        Raindance, Heroma, Infektionsverktyget och regionens AD-grupper) beställs som{' '}
        <strong>behörighetsmallar</strong>. En behörighetsmall är en namngiven uppsättning roller i ett eller
        flera system, till exempel <em>Ksd-personal</em>. Mallarna hör till en <strong>verksamhet</strong>,
        och verksamheterna är ordnade i <strong>områden</strong>, till exempel området{' '}
        <em>Plattformer och infrastruktur</em> med verksamheten <em>Identitet och behörighet</em>. En mall
        beställs alltid för en <strong>yrkeskategori</strong>, till exempel{' '}
        <em>Supportspecialist Behörighetsteamet</em>; mallen anger vilka yrkeskategorier den får beställas
        för.
      </p>

      <HelpHeading>Vem kan beställa?</HelpHeading>
      <p>
        Du ser rutan <em>Lokala och Regionala system</em> på startsidan om du är ansvarig chef för en
        verksamhet, eller om chefen har gett dig en delegering för beställning i verksamheten. Du ser bara de
        verksamheter du får beställa för. Den som attesterar ska vara verksamhetens chef eller ha en
        delegering för attest där.
      </p>

      <HelpHeading>Så gör du – steg för steg</HelpHeading>
      <ol>
        <li>
          <strong>Välj rutan</strong> <em>Lokala och Regionala system</em> på startsidan. Guiden{' '}
          <em>Beställning av Behörigheter</em> öppnas.
        </li>
        <li>
          <strong>Personuppgifter</strong> (steg 1). Sök fram användaren på personnummer (ÅÅÅÅMMDDNNNN),
          passnummer eller HSA-id, precis som vid beställning av vårdmedarbetaruppdrag. Kontrollera att det är
          rätt person och välj <em>Fortsätt</em>.
        </li>
        <li>
          <strong>Behörigheter</strong> (steg 2). Välj ett alternativ:
          <ul>
            <li>
              <em>Nyupplägg</em>: välj område, verksamhet, behörighetsmall och yrkeskategori och välj{' '}
              <em>Lägg till</em>. Under valen ser du mallens beskrivning och vilka system och roller den ger.
              Lägg till fler mallar på samma sätt. En mall som användaren redan har, eller som redan är
              beställd och väntar, går inte att välja – skälet står vid mallen.
            </li>
            <li>
              <em>Förändring</em>: välj först den behörighetsmall användaren har som ska förändras, därefter
              den nya mallen och yrkeskategorin. Du kan byta till en annan mall eller behålla mallen och byta
              yrkeskategori. När förändringen utförs tas de roller bort som bara den gamla mallen ger, och de
              roller läggs till som bara den nya ger. Roller som båda ger behåller användaren.
            </li>
            <li>
              <em>Avslut</em>: markera de behörighetsmallar användaren har som ska avslutas. Roller som
              användaren också har genom en annan mall tas inte bort.
            </li>
          </ul>
          Nyupplägg och förändring kräver att användaren har ett aktivt engagemang i KIV; annars kan bara
          avslut väljas. Välj <em>Nästa</em>.
        </li>
        <li>
          <strong>Granska / Beställ</strong> (steg 3). Du ser mallarna grupperade per verksamhet, som{' '}
          <em>Behörighetsmall Ksd-personal | Yrkeskategori: Supportspecialist Behörighetsteamet</em>. Välj{' '}
          <em>Ta bort</em> om du ångrat dig. Välj attestant för varje verksamhet under{' '}
          <em>Beställningsinformation</em>. Ange <em>Startdatum</em> (vid avslut: när behörigheten ska
          upphöra), markera <em>Akut</em> om det brådskar och skriv gärna en kommentar. Välj{' '}
          <em>Skicka beställning</em>. Med <em>Föregående</em> kommer du tillbaka utan att förlora det du
          valt.
        </li>
        <li>
          <strong>Kvittens.</strong> <em>Din beställning är nu skapad. Ditt ordernummer är BEH…</em> Varje
          verksamhet blir en egen beställning med ett eget ordernummer. Antingen skapas alla beställningarna
          eller ingen.
        </li>
      </ol>

      <HelpHeading>Vårdmedarbetaruppdrag som kräver lokala system</HelpHeading>
      <p>
        Vissa vårdmedarbetaruppdrag, till exempel <em>Kvalitetssäkring</em>, kräver att användaren också får
        behörighet i lokala eller regionala system. När du beställer ett sådant uppdrag i guiden för
        vårdmedarbetaruppdrag visar granskningssidan <em>Lägg till behörighetsmall</em>. Lägg till mallen där;
        uppdraget och mallen skickas då i samma beställning och kvittensen visar ett ordernummer för
        vårdenheten och ett för verksamheten. Utan mall går beställningen inte att skicka.
      </p>

      <HelpHeading>Attest och utförande</HelpHeading>
      <ul>
        <li>
          Attestanten får ett e-postmeddelande och attesterar beställningen som vid vårdmedarbetaruppdrag:
          godkänner eller avslår, och signerar.
        </li>
        <li>
          När en godkänd beställnings startdatum har kommit utförs den system för system. I system som
          kopplats till regionen med SCIM sker det automatiskt. I övriga system får systemets administratörer
          ett arbete i sin kö <em>Att utföra</em> och markerar det som utfört eller avböjt med ett skäl.
        </li>
        <li>
          På beställningen ser du under <em>Beställda behörigheter</em> varje mall med dess system och status:{' '}
          <em>Väntande</em>, <em>Utförd</em> eller <em>Avböjd</em>. Avböjer en administratör får du ett
          e-postmeddelande med skälet. När alla system är klara är beställningen <em>Avslutad</em> (utförd)
          och du får ett e-postmeddelande.
        </li>
      </ul>

      <HelpHeading>Inloggningsuppgifter (Återkopplingsinfo)</HelpHeading>
      <p>
        Systemets administratör kan lämna inloggningsuppgifter, till exempel användarnamn och ett första
        lösenord. De visas aldrig i e-post, listor eller loggar, och bara för dig som beställde. Öppna
        beställningen och välj <em>Visa inloggningsuppgifter</em> vid systemet. Uppgifterna kan visas{' '}
        <strong>två gånger</strong>: första gången och en gång till. Därefter går de inte att visa igen – ta
        då kontakt med systemets administratör. Skriv upp uppgifterna eller lämna dem till användaren på ett
        säkert sätt.
      </p>

      <HelpHeading>Tidigare beställningar</HelpHeading>
      <p>
        Länkarna <em>Mina beställningar</em> och <em>Alla beställningar</em> i rutan visar beställningar av
        behörighetsmallar. Under <em>Sökalternativ</em> kan du söka på typ (Nyupplägg, Förändring, Avslut),
        status, slutanvändare, beställare och datum. Så länge beställningen väntar på attest kan du byta
        attestant eller makulera den.
      </p>
    </HelpArticle>
  );
}
