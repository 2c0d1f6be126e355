import { HelpArticle, HelpHeading } from './HelpArticle';

/** The delegation rules of the portal, in the words of the regional manuals (seeds/000 and 001). */
export default function DelegationHelp() {
  return (
    <HelpArticle
      title="Manual för delegering"
      lead="Så ger du som verksamhetschef en medarbetare rätt att beställa och attestera vårdmedarbetaruppdrag för din vårdenhet – och så begränsar eller återkallar du rätten."
    >
      <HelpHeading>Vad är en delegering?</HelpHeading>
      <p>
        Den som är registrerad i KIV som <strong>verksamhetschef</strong> för en vårdenhet har full rätt att
        beställa och attestera vårdmedarbetaruppdrag där. Med en delegering ger verksamhetschefen en annan
        person hela eller delar av den rätten:
      </p>
      <ul>
        <li>
          <strong>Beställa</strong> – personen kan beställa nyupplägg och avslut av uppdrag.
        </li>
        <li>
          <strong>Attestera</strong> – personen kan väljas som attestant och godkänna eller avslå
          beställningar.
        </li>
      </ul>
      <p>
        För att kunna beställa vårdmedarbetaruppdrag i portalen – både för en och för flera användare –
        behöver personen en delegering för <strong>både beställning och attest</strong>. En delegering gäller
        hela vårdenheten eller bara de uppdrag du väljer, och gäller från ett datum till ett datum eller tills
        vidare.
      </p>

      <HelpHeading>Vem kan delegera?</HelpHeading>
      <p>
        Verksamhetschefen för de vårdenheter hen är chef för. En verksamhetschef kan inte delegera för en
        annan vårdenhet. Administratörer kan hantera alla delegeringar.
      </p>

      <HelpHeading>Ny delegering – steg för steg</HelpHeading>
      <ol>
        <li>
          Välj <em>Ny delegering</em> i rutan Delegeringar på startsidan.
        </li>
        <li>
          <strong>Vårdenhet:</strong> välj den vårdenhet delegeringen gäller. Listan visar de enheter du får
          delegera för.
        </li>
        <li>
          <strong>Delegat:</strong> sök fram personen på namn, VGR-ID eller förvaltning. Namn, VGR-ID och
          organisation visas så att du kan välja rätt person.
        </li>
        <li>
          <strong>Rättigheter:</strong> markera <em>Beställa</em>, <em>Attestera</em> eller båda.
        </li>
        <li>
          <strong>Omfattning:</strong> välj <em>Hela vårdenheten</em> eller <em>Valda uppdrag</em> och markera
          i så fall de uppdrag delegeringen ska gälla.
        </li>
        <li>
          <strong>Giltig från</strong> är i dag om du inte väljer ett senare datum.{' '}
          <strong>Giltig till</strong> kan lämnas tomt: då gäller delegeringen tills vidare.
        </li>
        <li>
          Välj <em>Spara</em>. Delegeringen gäller från och med startdagen; den som fått den ser då rutorna
          för vårdmedarbetaruppdrag på sin startsida.
        </li>
      </ol>

      <HelpHeading>Regler</HelpHeading>
      <ul>
        <li>Giltig från får inte vara ett datum som redan har passerat.</li>
        <li>Giltig till får inte vara före giltig från.</li>
        <li>Personen måste ha ett aktivt engagemang i regionen, annars kan hen inte få en delegering.</li>
        <li>Du kan inte delegera till dig själv.</li>
        <li>
          Varje ändring – ny, begränsad eller återkallad delegering – sparas med vem som gjorde den och när.
        </li>
      </ul>

      <HelpHeading>Visa och hantera delegeringar</HelpHeading>
      <p>
        Under <em>Visa/hantera delegeringar</em> ser du delegeringarna för dina vårdenheter: delegat,
        vårdenhet, rättigheter, uppdrag, från, till, status och vem som beviljade dem. Status är:
      </p>
      <ul>
        <li>
          <strong>Aktiv</strong> – gäller i dag.
        </li>
        <li>
          <strong>Kommande</strong> – börjar gälla ett senare datum.
        </li>
        <li>
          <strong>Avslutad</strong> – slutdatumet har passerat.
        </li>
        <li>
          <strong>Återkallad</strong> – har återkallats och gäller inte längre.
        </li>
      </ul>
      <p>
        Klicka på en delegering för att se den i detalj, med dess <em>Händelser</em>: när den skapades,
        begränsades eller återkallades och av vem.
      </p>

      <HelpHeading>Begränsa eller återkalla</HelpHeading>
      <ul>
        <li>
          <strong>Begränsa</strong> gör en delegering snävare: ett tidigare slutdatum (dock inte före i dag),
          färre rättigheter eller färre uppdrag. Vill du utöka en delegering gör du en ny.
        </li>
        <li>
          <strong>Återkalla</strong> tar bort rätten direkt. Du bekräftar innan det sker, och det går inte att
          ångra.
        </li>
        <li>En avslutad eller återkallad delegering kan inte ändras.</li>
      </ul>

      <HelpHeading>Sök befintlig delegering</HelpHeading>
      <p>
        Under <em>Sök befintlig delegering</em> filtrerar du listan på delegat, vårdenhet, vem som beviljade
        delegeringen och status. Filtren kan kombineras.
      </p>
    </HelpArticle>
  );
}
