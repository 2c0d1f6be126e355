/**
 * The small HTML pages the assertion consumer answers with. The browser arrives there by the
 * IdP's cross-site form post, when a SameSite=Strict cookie is not sent and a 302 would not carry
 * it either; a page of our own that then navigates within the portal makes the next request
 * same-site, so the new session cookie goes with it.
 */
import { loaLabel } from '../../common/auth/assurance.js';
import { escapeHtml, serverPage as page } from '../../common/server-page.js';

/**
 * Signed in: go on to the (already sanitised) path inside the portal, by the meta refresh (the
 * page's CSP allows no script, security-headers.ts) or the link.
 */
export function continuePage(path: string): string {
  const href = escapeHtml(path);
  return page(
    'Inloggad',
    `<h1>Du är inloggad</h1>
<p><a href="${href}">Fortsätt till behörighetsbeställningen</a></p>`,
    `<meta http-equiv="refresh" content="0;url=${href}">`,
  );
}

/** The IdP vouched for a person the directory does not know. */
export function unknownPersonPage(hsaId: string | undefined): string {
  const who = hsaId ? ` med HSA-id <strong>${escapeHtml(hsaId)}</strong>` : '';
  return page(
    'Du finns inte i katalogen',
    `<h1>Du finns inte i katalogen</h1>
<p>Inloggningen lyckades, men det finns ingen person${who} i katalogen (KIV), så du kan inte använda
behörighetsbeställningen. Kontakta din verksamhetschef eller IT-supporten.</p>
<p><a href="/">Till inloggningssidan</a></p>`,
  );
}

/** The IdP vouched for a person who is inactive in the directory: gone from KIV at a sync. */
export function inactivePersonPage(): string {
  return page(
    'Du finns inte längre i katalogen',
    `<h1>Du finns inte längre i katalogen</h1>
<p>Inloggningen lyckades, men du är inte längre aktiv i katalogen (KIV), så du kan inte använda
behörighetsbeställningen. Kontakta din verksamhetschef eller IT-supporten.</p>
<p><a href="/">Till inloggningssidan</a></p>`,
  );
}

/** The response was not acceptable (signature, audience, validity, replay …); no detail for the browser. */
export function failedSignInPage(): string {
  return page(
    'Inloggningen misslyckades',
    `<h1>Inloggningen misslyckades</h1>
<p>Svaret från inloggningstjänsten kunde inte godtas. Försök logga in igen.</p>
<p><a href="/">Till inloggningssidan</a></p>`,
  );
}

/**
 * The IdP's answer was good, but the person authenticated at a lower level of assurance than
 * BEH requires (SAML_LOA): typically without the SITHS card. Nothing is signed in.
 */
export function lowAssurancePage(required: string, given: string | undefined): string {
  const had = given
    ? `Din inloggning hade ${escapeHtml(loaLabel(given))}.`
    : 'Inloggningstjänsten angav ingen tillitsnivå för din inloggning.';
  return page(
    'För låg tillitsnivå',
    `<h1>Inloggningen har för låg tillitsnivå</h1>
<p>Behörighetsbeställningen kräver inloggning med ${escapeHtml(loaLabel(required))}, som med ditt
SITHS-kort. ${had}</p>
<p>Logga in igen med ditt SITHS-kort. Fungerar det inte, kontakta IT-supporten.</p>
<p><a href="/">Till inloggningssidan</a></p>`,
  );
}

/** A logout message from the IdP that could not be accepted (no or a bad signature, too old …). */
export function failedLogoutPage(): string {
  return page(
    'Utloggningen kunde inte genomföras',
    `<h1>Utloggningen kunde inte genomföras</h1>
<p>Meddelandet från inloggningstjänsten kunde inte godtas, så ingen har loggats ut. Om du ville logga
ut: logga ut i behörighetsbeställningen och stäng webbläsaren.</p>
<p><a href="/">Till behörighetsbeställningen</a></p>`,
  );
}

/** The IdP's metadata could not be read yet (its address is down): sign-in cannot start. */
export function idpUnavailablePage(): string {
  return page(
    'Inloggningen går inte just nu',
    `<h1>Inloggning med SITHS går inte just nu</h1>
<p>Uppgifterna om inloggningstjänsten har inte kunnat hämtas. Försök igen om en stund. Kvarstår
felet, kontakta IT-supporten.</p>
<p><a href="/">Till inloggningssidan</a></p>`,
  );
}
