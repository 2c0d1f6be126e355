/**
 * How the signing window tells the page behind it (the approval queue) that a request was signed:
 * postMessage to the window that opened it, and a BroadcastChannel for other tabs of the portal
 * (and for when the opener link was cut, e.g. by noopener).
 */
export const SIGNING_CHANNEL = 'beh-signing';

export interface SignedMessage {
  type: 'beh:signed';
  requestId: string;
}

export function announceSigned(requestId: string): void {
  const message: SignedMessage = { type: 'beh:signed', requestId };
  window.opener?.postMessage(message, window.location.origin);
  if ('BroadcastChannel' in window) {
    const channel = new BroadcastChannel(SIGNING_CHANNEL);
    channel.postMessage(message);
    channel.close();
  }
}

export function isSignedMessage(data: unknown): data is SignedMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'beh:signed' &&
    typeof (data as { requestId?: unknown }).requestId === 'string'
  );
}
