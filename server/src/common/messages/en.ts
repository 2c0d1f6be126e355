/**
 * The API's messages in English. The services write Swedish, the default language; the problem
 * filter and the localizing interceptor put these in their place when the request's
 * `Accept-Language` asks for English (localize.ts). Three catalogues:
 *
 * - RULE_TEXTS: the rule texts of violations, keyed by the rule's code (`violations[].rule`).
 * - TEXTS: every other fixed sentence, keyed by its Swedish text (gettext's msgid: the Swedish
 *   sentence is the key, so a service needs no change to be translated).
 * - PATTERNS: sentences with values in them, a Swedish pattern and its English form.
 *
 * A Swedish text missing here is answered in Swedish: a new message is never lost, only untranslated
 * (test/e2e/accept-language.e2e-spec.ts holds the ones the main journeys meet).
 */

/** Problem titles by HTTP status. */
export const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Access denied',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Expired',
  413: 'Request too large',
  415: 'Format not supported',
  422: 'Validation error',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Titles a problem sets itself (extensions), Swedish → English. */
export const OWN_TITLES: Record<string, string> = {
  'Har gått ut': 'Expired',
  Låst: 'Locked',
  // orders/order-warnings.ts (rule 2d)
  'Varningar att bekräfta': 'Warnings to confirm',
};

/** Rule texts by rule code: order rules, mass-order rules and attest rules. */
export const RULE_TEXTS: Record<string, string> = {
  NO_ORDER_RIGHT: 'You have no delegation for ordering and attesting at the care unit.',
  NO_ACTIVE_ENGAGEMENT: 'The person has no active engagement – only a revocation can be ordered.',
  PRIVATE_PROVIDER_ONLY: 'The assignment may only be ordered for staff of a private care provider.',
  ALREADY_HELD: 'The person already holds the assignment.',
  ALREADY_PENDING: 'There is already a pending order of the assignment for the person.',
  NOT_HELD: 'The person does not hold the assignment, so it cannot be revoked.',
  ATTESTANT_MISSING: 'Choose an attestant for the care unit.',
  ATTESTANT_NOT_ALLOWED: 'The attestant may not attest the assignment at the care unit.',
  ATTESTANT_IS_END_USER:
    'The end user cannot be the attestant of their own order – nobody grants themselves access alone. Choose another attestant.',
  SAME_ATTESTANT: 'The person is already the attestant of the order.',
  START_DATE_IN_PAST: 'The start date cannot be earlier than today.',
  END_DATE_BEFORE_START: 'The end date cannot be before the start date.',
  DUPLICATE_LINE: 'The assignment is already on an earlier line of the order.',
  UNKNOWN_ASSIGNMENT: 'The assignment is not in the catalogue.',
  UNKNOWN_END_USER: 'The end user is not in the catalogue.',
  NOT_ORDERER: 'Only the orderer can change or cancel the order.',
  WRONG_STATUS: 'The order no longer has the status this requires.',
  LOCAL_ACCESS_REQUIRED:
    'The assignment requires access to local or regional systems: add an access template to the same order.',
  UNKNOWN_TEMPLATE: 'The access template is not in the catalogue.',
  TEMPLATE_INACTIVE: 'The access template is inactive and cannot be ordered.',
  PROFESSION_NOT_OFFERED: 'Choose a profession the access template is offered for.',
  NO_ACCESS_ORDER_RIGHT: 'You have no delegation for ordering in the operation.',
  TEMPLATE_ALREADY_HELD: 'The person already holds the access template.',
  TEMPLATE_ALREADY_PENDING: 'There is already a pending order of the access template for the person.',
  TEMPLATE_NOT_HELD: 'The person does not hold the access template, so it cannot be changed or revoked.',
  CHANGE_NOT_A_CHANGE:
    'The change changes nothing: choose another access template or another profession than the person holds.',
  DUPLICATE_TEMPLATE_LINE: 'The access template is already on an earlier line of the order.',
  CHANGE_ONLY_FOR_TEMPLATES: 'A change can only be ordered for access templates, not for assignments.',
  PERSON_INACTIVE:
    'The person is inactive in the directory (no longer in KIV) – only a revocation can be ordered.',
  CARE_UNIT_INACTIVE:
    'The care unit is inactive in the directory (no longer in KIV) – only a revocation can be ordered.',
  ASSIGNMENT_INACTIVE:
    'The assignment is inactive in the directory (no longer in KIV) – only a revocation can be ordered.',
  DUPLICATE_PERSON: 'The person is already in the order (twice, or both added and removed).',
  NO_ATTEST_RIGHT: 'You may no longer attest the order: your delegation does not cover the assignment.',
  NO_ACCESS_ATTEST_RIGHT:
    'You may no longer attest the order: you have no right to attest for the operation.',
  UNKNOWN_ITEM: "The line is not among the order's pending lines.",
  ALL_ITEMS_REMOVED: 'All lines cannot be removed – reject the order instead.',
  REMOVE_ON_REJECT: 'Lines are not removed on a rejection.',
  OWN_ACCESS:
    'You cannot approve an order in which you are the end user – nobody grants themselves access alone. Reject it or ask the orderer to choose another attestant.',
};

/**
 * Rules whose code means different things in different catalogues: the Swedish text tells which
 * (the order's "kan inte ändras" and the attest's shorter sentence).
 */
export const RULE_TEXTS_BY_SWEDISH: Record<string, string> = {
  'Beställningen väntar inte längre på attest och kan inte ändras.':
    'The order is no longer awaiting attest and cannot be changed.',
  'Beställningen väntar inte längre på attest.': 'The order is no longer awaiting attest.',
  // The attestant rules of an access order, said of its verksamhet (orders.errors ACCESS_ATTESTANT_MESSAGES).
  'Välj en attestant för verksamheten.': 'Choose an attestant for the operation.',
  'Attestanten får inte attestera beställningar i verksamheten.':
    'The attestant may not attest orders of the operation.',
  // Rule 37 at attest (attest.errors.ts): the same codes as placing's, said of a decision.
  'Slutanvändaren är inaktiv i katalogen (finns inte längre i KIV), så beställningen kan inte godkännas. Avslå den.':
    'The end user is inactive in the directory (no longer in KIV), so the order cannot be approved. Reject it.',
  'Vårdenheten är inaktiv i katalogen (finns inte längre i KIV), så beställningen kan inte godkännas. Avslå den.':
    'The care unit is inactive in the directory (no longer in KIV), so the order cannot be approved. Reject it.',
  'Uppdraget är inaktivt i katalogen (finns inte längre i KIV), så raden kan inte godkännas. Ta bort raden eller avslå beställningen.':
    'The assignment is inactive in the directory (no longer in KIV), so the line cannot be approved. Remove the line or reject the order.',
};

/** Fixed sentences and field messages, Swedish → English. */
export const TEXTS: Record<string, string> = {
  ...RULE_TEXTS_BY_SWEDISH,
  // Soft rules (orders/order-warnings.ts, rule 2d)
  'Personen har inget aktivt engagemang på vårdenheten; alla personens aktiva engagemang är på andra vårdenheter. Kontrollera att personen verkligen ska arbeta här.':
    'The person has no active engagement at this care unit; all of their active engagements are at other care units. Check that the person really is to work here.',
  // Generic problems (problem.ts, problem.filter.ts, request-auth.ts, auth.guard.ts)
  'En eller flera uppgifter är felaktiga.': 'One or more fields are incorrect.',
  'Sidan eller resursen finns inte.': 'The page or resource does not exist.',
  'Det finns redan en post med samma unika värde.': 'There is already a record with the same unique value.',
  'Posten hänger ihop med andra uppgifter och kan inte tas bort eller ändras så.':
    'The record is linked to other data and cannot be removed or changed like that.',
  'Databasen svarade inte i tid. Försök igen om en stund.':
    'The database did not answer in time. Try again in a moment.',
  'Databasen går inte att nå just nu. Försök igen om en stund.':
    'The database cannot be reached right now. Try again in a moment.',
  'Ett oväntat fel inträffade. Försök igen eller kontakta support och ange anrops-id.':
    'An unexpected error occurred. Try again, or contact support and give the request id.',
  'Begäran innehåller felaktig JSON.': 'The request contains malformed JSON.',
  'Begäran är för stor.': 'The request is too large.',
  'Du är inte inloggad eller så har sessionen gått ut.':
    'You are not signed in, or your session has expired.',
  'Du har inte behörighet till detta.': 'You do not have permission to do this.',
  'Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.':
    'The request has no valid CSRF token. Reload the page and try again.',
  'Du behöver vara administratör, verksamhetschef eller ha en aktiv delegering.':
    'You need to be an administrator or head of unit, or have an active delegation.',
  'Endast verksamhetschefer och administratörer kan hantera delegeringar.':
    'Only heads of unit and administrators can manage delegations.',
  'Endast administratörer får göra detta.': 'Only administrators may do this.',
  'API-klienter får inte anropa detta.': 'API clients may not call this.',
  'API-nyckeln är ogiltig.': 'The API key is invalid.',
  'API-klienten är återkallad.': 'The API client has been revoked.',
  'API-klientens giltighetstid har gått ut.': "The API client's validity has expired.",
  'API-klienten är redan återkallad.': 'The API client is already revoked.',
  'Inloggning med SAML är inte konfigurerad.': 'Sign-in with SAML is not configured.',
  'Många exporter pågår just nu. Försök igen om en stund.':
    'Many exports are running right now. Try again in a moment.',
  'Sökvägen är inte giltigt kodad (UTF-8).': 'The path is not validly encoded (UTF-8).',
  // Rate limits (limited-routes.ts); the "Försök igen om …" tail is a pattern below
  'För många inloggningsförsök från din adress.': 'Too many sign-in attempts from your address.',
  'Du har slagit upp eller öppnat för många personer på kort tid.':
    'You have looked up or opened too many persons in a short time.',
  'För många signeringsförsök på kort tid.': 'Too many signing attempts in a short time.',
  'Du har gjort för många exporter på kort tid.': 'You have made too many exports in a short time.',
  // Lists
  'Parametern filter måste vara ett JSON-objekt.': 'The parameter filter must be a JSON object.',
  'Parametern range måste vara [från, till] med heltal.':
    'The parameter range must be [from, to] with integers.',
  'Parametern sort måste vara ["fält","ASC"|"DESC"].': 'The parameter sort must be ["field","ASC"|"DESC"].',
  'Begränsa urvalet med sökning eller filter, eller vänd sorteringen, för att nå längre.':
    'Narrow the selection with search or filters, or reverse the sort order, to reach further.',
  'Filtret id måste vara händelsenummer.': 'The filter id must be event numbers.',
  'Filtret för massbeställningar kan bara vara scope: mine eller attest.':
    'The filter of mass orders can only be scope: mine or attest.',
  'type måste vara GRANT eller REVOKE.': 'type must be GRANT or REVOKE.',
  // Orders
  'Beställningen innehåller ingen person.': 'The order contains no person.',
  'Lägg till eller ta bort minst en person.': 'Add or remove at least one person.',
  'Beställningen av uppdraget väntar på attest; den kan makuleras av beställaren.':
    'The order of the assignment is awaiting attest; the orderer can cancel it.',
  'Ange en kommentar vid avslag.': 'Give a comment when rejecting.',
  'Innehav av uppdrag ändras bara genom att en attesterad beställning utförs. Beställ eller avsluta uppdraget i stället.':
    'Held assignments change only when an attested order is carried out. Order or revoke the assignment instead.',
  'Värdet är varken ett VGR-ID eller ett personnummer.': 'The value is neither a VGR-ID nor a personnummer.',
  'Ett VGR-ID består av bokstäver och siffror, t.ex. kribe32.':
    'A VGR-ID consists of letters and digits, e.g. kribe32.',
  // Signing
  'Signeringsbegäran har gått ut: den gäller i 10 minuter. Börja om från beställningen.':
    'The sign request has expired: it is valid for 10 minutes. Start again from the order.',
  'Signeringsbegäran är redan använd.': 'The sign request has already been used.',
  'Signeringen misslyckades och begäran kan inte användas igen. Börja om från beställningen.':
    'Signing failed and the request cannot be used again. Start again from the order.',
  'Certifikatet är inte giltigt nu och kan inte användas för underskrift.':
    'The certificate is not valid now and cannot be used for signing.',
  'Du har inget certifikat för underskrift. Kontakta en administratör.':
    'You have no certificate for signing. Contact an administrator.',
  'Begäran är inte signerad.': 'The request is not signed.',
  'signaturen är inte en läsbar CMS-signatur': 'the signature is not a readable CMS signature',
  'dokumentet är inte det som signerades': 'the document is not the one that was signed',
  'signaturvärdet stämmer inte med certifikatet': 'the signature value does not match the certificate',
  'certifikatet är inte utfärdat av en betrodd utfärdare':
    'the certificate is not issued by a trusted issuer',
  'certifikatet var inte giltigt när signaturen gjordes':
    'the certificate was not valid when the signature was made',
  'det sparade certifikatet är inte signaturens': "the stored certificate is not the signature's",
  'certifikatet tillhör inte den som skulle signera':
    'the certificate does not belong to the intended signer',
  'signeringstiden i signaturen är inte den som sparades':
    'the signing time in the signature is not the one stored',
  'det signerade dokumentet är inte ett attestbeslut': 'the signed document is not an attest decision',
  // Delegations
  'Personen saknar aktivt engagemang i regionen och kan inte få en delegering.':
    'The person has no active engagement in the region and cannot receive a delegation.',
  'Du kan bara hantera delegeringar för vårdenheter där du är verksamhetschef.':
    'You can only manage delegations for care units where you are head of unit.',
  'Du har inte behörighet att se denna delegering.': 'You do not have permission to see this delegation.',
  'Delegeringen har upphört eller återkallats och kan inte ändras.':
    'The delegation has ended or been revoked and cannot be changed.',
  'Du kan inte delegera till dig själv.': 'You cannot delegate to yourself.',
  'Uppdragen måste höra till den valda vårdenheten.': 'The assignments must belong to the chosen care unit.',
  'Startdatumet får inte vara tidigare än i dag.': 'The start date cannot be earlier than today.',
  'Slutdatumet får inte vara före startdatumet.': 'The end date cannot be before the start date.',
  'Slutdatumet kan bara flyttas tidigare, inte tas bort.':
    'The end date can only be moved earlier, not removed.',
  'Slutdatumet får inte vara tidigare än i dag.': 'The end date cannot be earlier than today.',
  'Slutdatumet kan bara flyttas tidigare.': 'The end date can only be moved earlier.',
  'Du kan bara hantera delegeringar för verksamheter där du är ansvarig chef.':
    'You can only manage delegations for operations where you are the responsible head.',
  'Ange antingen en vårdenhet eller en verksamhet.': 'Give either a care unit or an operation.',
  'Uppdrag kan bara anges i en delegering för en vårdenhet.':
    'Assignments can only be given in a delegation for a care unit.',
  // Directory
  'Personen finns inte.': 'The person does not exist.',
  'Vårdenheten finns inte.': 'The care unit does not exist.',
  'Vårdgivaren finns inte.': 'The care provider does not exist.',
  'Förvaltningen finns inte.': 'The administration does not exist.',
  'Det finns redan en person med detta HSA-id.': 'There is already a person with this HSA-id.',
  'Det finns redan en person med detta VGR-ID.': 'There is already a person with this VGR-ID.',
  'Det finns redan en person med detta personnummer.': 'There is already a person with this personnummer.',
  'Det finns redan en person med detta passnummer.': 'There is already a person with this passport number.',
  'Det finns redan en vårdgivare med detta HSA-id.': 'There is already a care provider with this HSA-id.',
  'Det finns redan en förvaltning med denna kod.': 'There is already an administration with this code.',
  'Det finns redan en vårdenhet med detta HSA-id.': 'There is already a care unit with this HSA-id.',
  'Det finns redan ett uppdrag med detta HSA-id.': 'There is already an assignment with this HSA-id.',
  'Vårdenheten har redan ett uppdrag med detta namn.':
    'The care unit already has an assignment with this name.',
  'Det finns redan en rad för detta system med samma användning.':
    'There is already a line for this system with the same use.',
  'Ange personnummer eller passnummer (minst ett av dem).':
    'Give a personnummer or a passport number (at least one).',
  'Personen förekommer i andra uppgifter (till exempel beställningar) och kan inte tas bort.':
    'The person appears in other data (orders, for example) and cannot be removed.',
  'Personnumret får bara innehålla siffror och ett bindestreck eller plustecken före de fyra sista siffrorna.':
    'A personnummer may only contain digits, and a hyphen or plus sign before the last four digits.',
  'Personnumret har fel längd. Ange det som ÅÅÅÅMMDDNNNN (12 siffror), ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.':
    'The personnummer has the wrong length. Give it as YYYYMMDDNNNN (12 digits), YYYYMMDD-NNNN or YYMMDD-NNNN.',
  'Personnumret innehåller ett födelsedatum som inte finns.':
    'The personnummer contains a date of birth that does not exist.',
  'Personnumrets kontrollsiffra (sista siffran) stämmer inte. Kontrollera att du skrivit rätt.':
    "The personnummer's check digit (the last digit) is wrong. Check that you typed it correctly.",
  // Audit
  'En fullständig verifiering pågår redan. Vänta tills den är klar.':
    'A full verification is already running. Wait until it is done.',
  'Verifieringen avbröts när servern stängdes.':
    'The verification was interrupted when the server shut down.',
  'Verifieringen kunde inte slutföras: ett fel uppstod.':
    'The verification could not be completed: an error occurred.',
  'Förankringens signatur stämmer inte: den är ändrad eller inte gjord av denna portal.':
    "The anchor's signature does not match: it has been changed or was not made by this portal.",
  // Field messages (validation.ts, field-rules.ts and the DTOs' own rules)
  'är inte ett känt fält': 'is not a known field',
  'måste vara text': 'must be text',
  'måste vara sant eller falskt': 'must be true or false',
  'måste anges': 'is required',
  'måste vara en giltig e-postadress': 'must be a valid e-mail address',
  'måste vara ett giltigt id': 'must be a valid id',
  'måste vara giltiga id': 'must be valid ids',
  'har ett värde som inte är tillåtet': 'has a value that is not allowed',
  'är för långt': 'is too long',
  'är för kort': 'is too short',
  'måste vara ett datum (ÅÅÅÅ-MM-DD)': 'must be a date (YYYY-MM-DD)',
  'är ett datum som inte finns': 'is a date that does not exist',
  'måste vara en lista': 'must be a list',
  'måste vara ett heltal': 'must be an integer',
  'har fel format': 'has the wrong format',
  'får inte vara före startdatumet': 'cannot be before the start date',
  'måste innehålla minst en av ORDER och ATTEST': 'must contain at least one of ORDER and ATTEST',
  'får bara innehålla ORDER och ATTEST': 'may only contain ORDER and ATTEST',
  'får inte innehålla samma rätt två gånger': 'cannot contain the same right twice',
  'får inte innehålla samma uppdrag två gånger': 'cannot contain the same assignment twice',
  'måste innehålla minst en beställning': 'must contain at least one order',
  'får inte innehålla samma id två gånger': 'cannot contain the same id twice',
  'måste innehålla minst ett uppdrag': 'must contain at least one assignment',
  'varje rad måste vara {"assignmentId": id}': 'each line must be {"assignmentId": id}',
  'varje rad måste vara {"templateId": id, "professionId": id, "previousTemplateId": id} (de två sista vid behov)':
    'each line must be {"templateId": id, "professionId": id, "previousTemplateId": id} (the last two where needed)',
  'måste vara ett objekt med vårdenhetens id som nyckel': "must be an object keyed by the care unit's id",
  // Access catalogue (issue 14)
  'Det finns redan ett system med detta namn.': 'There is already a system with this name.',
  'Systemet har redan en roll med detta namn.': 'The system already has a role with this name.',
  'Det finns redan ett område med detta namn.': 'There is already an area with this name.',
  'Området har redan en verksamhet med detta namn.': 'The area already has an operation with this name.',
  'Det finns redan en yrkeskategori med detta namn.': 'There is already a profession with this name.',
  'Verksamheten har redan en behörighetsmall med detta namn.':
    'The operation already has an access template with this name.',
  'Systemet har roller och kan inte tas bort. Ta bort rollerna först.':
    'The system has roles and cannot be deleted. Delete the roles first.',
  'Rollen ingår i en behörighetsmall och kan inte tas bort.':
    'The role is part of an access template and cannot be deleted.',
  'Området har verksamheter och kan inte tas bort.': 'The area has operations and cannot be deleted.',
  'Verksamheten har behörighetsmallar och kan inte tas bort.':
    'The operation has access templates and cannot be deleted.',
  'Yrkeskategorin används i en behörighetsmall och kan inte tas bort.':
    'The profession is used in an access template and cannot be deleted.',
  'Systemet finns inte.': 'The system does not exist.',
  'Området finns inte.': 'The area does not exist.',
  'Verksamheten finns inte.': 'The operation does not exist.',
  'En eller flera roller finns inte.': 'One or more roles do not exist.',
  'En eller flera yrkeskategorier finns inte.': 'One or more professions do not exist.',
  'måste anges när systemet utförs via SCIM': 'is required when the system is carried out over SCIM',
  'får bara anges när systemet utförs via SCIM': 'may only be given when the system is carried out over SCIM',
  'måste vara en http- eller https-adress, t.ex. https://scim.exempel.se/scim/v2':
    'must be an http or https address, e.g. https://scim.example.se/scim/v2',
  'måste innehålla minst en roll': 'must contain at least one role',
  'måste innehålla minst en yrkeskategori': 'must contain at least one profession',
  // Carrying out access orders (fulfilment) and system administrators.
  'Ange en orsak till avslaget.': 'Give a reason for the refusal.',
  'Orsaken får vara högst 2000 tecken.': 'The reason may be at most 2000 characters.',
  'Återkopplingsinfon får vara högst 2000 tecken.': 'The feedback may be at most 2000 characters.',
  'Arbetsuppgiften är redan utförd eller avslagen.': 'The work item has already been done or refused.',
  'Återkopplingsinfon har redan visats två gånger': 'The feedback has already been shown twice',
  'Endast systemadministratörer har uppgifter att utföra.': 'Only system administrators have work items.',
  'Endast systemets administratörer kan utföra eller avslå uppgiften.':
    "Only the system's administrators can do or refuse the work item.",
  'Uppgiften utförs via SCIM.': 'The work item is carried out over SCIM.',
  'Personen är redan systemadministratör för systemet.':
    'The person is already an administrator of the system.',
};

/** Things a "… hittades inte." names, Swedish → English (problem.ts notFound). */
const THINGS: Record<string, string> = {
  Beställningen: 'The order',
  Delegeringen: 'The delegation',
  Vårdenheten: 'The care unit',
  Vårdgivaren: 'The care provider',
  Förvaltningen: 'The administration',
  Personen: 'The person',
  Uppdraget: 'The assignment',
  Signeringsbegäran: 'The sign request',
  Certifikatet: 'The certificate',
  Massbeställningen: 'The mass order',
  Händelsen: 'The event',
  'API-klienten': 'The API client',
  Systemet: 'The system',
  Engagemanget: 'The engagement',
  Innehavet: 'The holding',
  'E-postmeddelandet': 'The e-mail',
  Arbetsuppgiften: 'The work item',
  Återkopplingsinfon: 'The feedback',
  Systemadministratören: 'The system administrator',
};

const thing = (swedish: string): string => THINGS[swedish] ?? swedish;

const seconds = (text: string): string =>
  text
    .replace(/^1 sekund$/, '1 second')
    .replace(/^(\d+) sekunder$/, '$1 seconds')
    .replace(/^1 minut$/, '1 minute')
    .replace(/^(\d+) minuter$/, '$1 minutes')
    .replace(/^1 timme$/, '1 hour')
    .replace(/^(\d+) timmar$/, '$1 hours');

/**
 * Sentences with values in them. `translate` is the whole translator, for a pattern whose parts
 * are themselves sentences (a rule text after an assignment's name).
 */
export const PATTERNS: readonly [
  RegExp,
  (match: RegExpMatchArray, translate: (text: string) => string) => string,
][] = [
  [
    /^Systemet kan inte utföras via SCIM förrän varje roll har en SCIM-grupp\. Saknar SCIM-grupp: (.+)$/s,
    (m) =>
      `The system cannot be carried out over SCIM until every role has a SCIM group. Without a SCIM group: ${m[1]}`,
  ],
  [/^(.+) hittades inte\.$/s, (m) => `${thing(m[1])} was not found.`],
  [/^(.+) finns inte\.$/s, (m) => `${thing(m[1])} does not exist.`],
  [
    /^Beställningen bryter mot (\d+) regler; se de markerade raderna\.$/,
    (m) => `The order breaks ${m[1]} rules; see the marked lines.`,
  ],
  [
    /^Beställningen bryter mot (\d+) regler; se markeringarna\.$/,
    (m) => `The order breaks ${m[1]} rules; see the marks.`,
  ],
  [/^En person kan inte tas med: (.*)$/s, (m, t) => `One person cannot be included: ${t(m[1])}`],
  [
    /^(.+) Bekräfta varningen och skicka igen för att beställa ändå\.$/s,
    (m, t) => `${t(m[1])} Confirm the warning and send again to order anyway.`,
  ],
  [
    /^Beställningen har (\d+) varningar; se de markerade raderna\. Bekräfta varningarna och skicka igen för att beställa ändå\.$/,
    (m) =>
      `The order has ${m[1]} warnings; see the marked lines. Confirm the warnings and send again to order anyway.`,
  ],
  [
    /^(\d+) personer kan inte tas med; se orsaken vid var och en\.$/,
    (m) => `${m[1]} persons cannot be included; see the reason for each.`,
  ],
  [
    /^Attesten kan inte göras: (\d+) fel, se de markerade beställningarna\.$/,
    (m) => `The attest cannot be made: ${m[1]} errors, see the marked orders.`,
  ],
  [
    /^Beställning (\S+) har ändrats medan signeringsfönstret var öppet \((.*)\) och kan inte attesteras med denna begäran\. Börja om från beställningen\.$/s,
    (m) =>
      `Order ${m[1]} was changed while the signing window was open (${m[2]}) and cannot be attested with this request. Start again from the order.`,
  ],
  [/^Fel PIN-kod\. Du har (\d+) försök kvar\.$/, (m) => `Wrong PIN. You have ${m[1]} tries left.`],
  [
    /^Fel PIN-kod\. Certifikatet är nu låst efter (\d+) felaktiga försök\. En administratör kan låsa upp det\.$/,
    (m) =>
      `Wrong PIN. The certificate is now locked after ${m[1]} wrong tries. An administrator can unlock it.`,
  ],
  [
    /^Certifikatet är låst efter (\d+) felaktiga PIN-koder\. En administratör kan låsa upp det\.$/,
    (m) => `The certificate is locked after ${m[1]} wrong PINs. An administrator can unlock it.`,
  ],
  [/^API-klienten saknar behörigheten (.+)\.$/, (m) => `The API client lacks the scope ${m[1]}.`],
  [/^(.+) Försök igen om (.+)\.$/s, (m, t) => `${t(m[1])} Try again in ${seconds(m[2])}.`],
  [/^Filtret (\S+) måste vara något av (.*)\.$/s, (m) => `The filter ${m[1]} must be one of ${m[2]}.`],
  [/^Filtret (\S+) måste vara text\.$/, (m) => `The filter ${m[1]} must be text.`],
  [
    /^Filtret (\S+) måste vara ett datum som finns \(ÅÅÅÅ-MM-DD\)\.$/,
    (m) => `The filter ${m[1]} must be a date that exists (YYYY-MM-DD).`,
  ],
  [
    /^Filtret (\S+) måste vara ett datum \(ÅÅÅÅ-MM-DD\) eller en tidpunkt\.$/,
    (m) => `The filter ${m[1]} must be a date (YYYY-MM-DD) or a time.`,
  ],
  [
    /^Filtret (\S+) måste vara ett datum \(ÅÅÅÅ-MM-DD\)\.$/,
    (m) => `The filter ${m[1]} must be a date (YYYY-MM-DD).`,
  ],
  [/^Filtret (\S+) måste vara true eller false\.$/, (m) => `The filter ${m[1]} must be true or false.`],
  [/^Filtret (\S+) måste vara giltiga id\.$/, (m) => `The filter ${m[1]} must be valid ids.`],
  [/^Filtret (\S+) måste vara ett giltigt id\.$/, (m) => `The filter ${m[1]} must be a valid id.`],
  [/^Det går inte att filtrera på (.+)\.$/s, (m) => `It is not possible to filter on ${m[1]}.`],
  [/^Det går inte att sortera på (.+)\.$/s, (m) => `It is not possible to sort on ${m[1]}.`],
  [/^Parametern (\S+) är inte giltig JSON\.$/, (m) => `The parameter ${m[1]} is not valid JSON.`],
  [
    /^Det går att bläddra bland de första (.+) raderna\. (.*)$/s,
    (m, t) => `You can page through the first ${m[1].replace(/\s/g, ',')} rows. ${t(m[2])}`,
  ],
  [/^Ange (\S+) en gång, som text\.$/, (m) => `Give ${m[1]} once, as text.`],
  [/^Ange (\S+) en gång\.$/, (m) => `Give ${m[1]} once.`],
  [/^(\S+) måste vara giltiga id\.$/, (m) => `${m[1]} must be valid ids.`],
  [/^(\S+) måste vara ett giltigt id\.$/, (m) => `${m[1]} must be a valid id.`],
  [
    /^Rubriken X-BEH-Purpose måste vara något av (.*)\.$/s,
    (m) => `The header X-BEH-Purpose must be one of ${m[1]}.`,
  ],
  [/^Fältet (\S+) (.+)\.$/s, (m, t) => `The field ${m[1]} ${t(m[2])}.`],
  [/^Sökvägen (.+)\.$/s, (m) => `The path ${m[1]}.`],
  [
    /^(.+) är nästlad i för många nivåer \(högst (\d+)\)\.$/s,
    (m) => `${m[1]} is nested too deeply (at most ${m[2]}).`,
  ],
  [/^måste vara något av (.*)$/s, (m) => `must be one of ${m[1]}`],
  [
    /^får innehålla högst (\d+) (uppdrag|id|värden|behörighetsmallar)$/,
    (m) =>
      `may contain at most ${m[1]} ${
        { uppdrag: 'assignments', värden: 'values', behörighetsmallar: 'access templates' }[m[2]] ?? 'ids'
      }`,
  ],
  [/^får vara högst (\d+) år fram \((.*)\)$/, (m) => `may be at most ${m[1]} years ahead (${m[2]})`],
  [
    /^En fullständig verifiering pågår redan \(nr (\d+), (\d+) händelser kontrollerade\)\. Vänta tills den är klar\.$/,
    (m) =>
      `A full verification is already running (no. ${m[1]}, ${m[2]} events checked). Wait until it is done.`,
  ],
  // "<assignment>: <rule text>" and "<order number>: <rule text>": a name, then a known sentence.
  [/^([^:]+): (.+)$/s, (m, t) => `${m[1]}: ${t(m[2])}`],
];
