import { isSignedMessage, SIGNING_CHANNEL } from './notify';

/**
 * For the approval queue and the order page (the attest UI): opens the signing window for a sign
 * request in a window of its own and calls `onSigned` once it has been signed. Returns a function
 * that stops listening. Small and free of the signing page's code, so importing it costs nothing.
 */
export function openSigningWindow(requestId: string, onSigned: () => void): () => void {
  const url = `/signing/${encodeURIComponent(requestId)}`;
  window.open(url, 'beh-signing', 'popup,width=760,height=860');
  let done = false;
  const signed = (data: unknown) => {
    if (done || !isSignedMessage(data) || data.requestId !== requestId) return;
    done = true;
    onSigned();
  };
  const onMessage = (event: MessageEvent) => {
    if (event.origin === window.location.origin) signed(event.data);
  };
  window.addEventListener('message', onMessage);
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(SIGNING_CHANNEL) : undefined;
  if (channel) channel.onmessage = (event: MessageEvent) => signed(event.data);
  return () => {
    window.removeEventListener('message', onMessage);
    channel?.close();
  };
}
