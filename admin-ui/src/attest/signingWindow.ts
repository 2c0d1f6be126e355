import { isSignedMessage, SIGNING_CHANNEL } from '../signing/notify';

/** The signing module's window: its own name, so a second attest reuses (and focuses) the same window. */
const WINDOW_NAME = 'beh-signing';
const WINDOW_FEATURES = 'popup,width=760,height=860';

/**
 * Where to open the window. The embedded signing service's window is the portal's own page, and it
 * must share this page's origin: it signs on the session's cookie and reports back by postMessage.
 * The server names it under PUBLIC_URL, which may be another name for the same server (the Vite
 * dev server, a test on 127.0.0.1), so its path is opened here; any other service's address as given.
 */
export function signingWindowUrl(signingUrl: string, requestId: string): string {
  const url = new URL(signingUrl, window.location.href);
  if (url.origin === window.location.origin) return url.href;
  const ownPath = `/signing/${encodeURIComponent(requestId)}`;
  return url.pathname === ownPath ? new URL(ownPath, window.location.origin).href : url.href;
}

/** Opens (or brings forward) the signing window; null when the browser blocked it. */
export function openSigningWindow(signingUrl: string, requestId: string): Window | null {
  const opened = window.open(signingWindowUrl(signingUrl, requestId), WINDOW_NAME, WINDOW_FEATURES);
  opened?.focus();
  return opened;
}

/**
 * Calls `onSigned` when the signing window says the request was signed: by postMessage to its
 * opener, or on the BroadcastChannel (when the opener link was lost). Returns a function that stops
 * listening.
 */
export function listenForSigned(requestId: string, onSigned: () => void): () => void {
  const heard = (data: unknown) => {
    if (isSignedMessage(data) && data.requestId === requestId) onSigned();
  };
  const onMessage = (event: MessageEvent) => {
    if (event.origin === window.location.origin) heard(event.data);
  };
  window.addEventListener('message', onMessage);
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(SIGNING_CHANNEL) : undefined;
  if (channel) channel.onmessage = (event: MessageEvent) => heard(event.data);
  return () => {
    window.removeEventListener('message', onMessage);
    channel?.close();
  };
}
