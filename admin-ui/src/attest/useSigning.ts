import { useCallback, useEffect, useRef, useState } from 'react';
import { listenForSigned, openSigningWindow } from './signingWindow';
import type { AttestDecision, CreatedSignRequest, NewSignRequest, SignedDecision } from './types';
import { useAttestApi } from './useAttestApi';

export type SigningState =
  | { phase: 'idle' }
  | { phase: 'requesting'; decision: AttestDecision }
  /** The window is open (or was blocked, or closed unsigned): waiting for the signature. */
  | { phase: 'signing'; request: CreatedSignRequest; blocked: boolean; closed: boolean }
  | { phase: 'done'; outcome: SignedDecision }
  | { phase: 'failed'; error: unknown; decision: AttestDecision };

/** How often the page asks the server whether the request was signed, should the window's message get lost. */
const POLL_MS = 5000;
/** How often it looks whether the window was closed. */
const CLOSED_CHECK_MS = 1000;

/**
 * Godkänn/Avslå: makes the sign request, opens the signing window and waits until it is signed.
 * The window tells the page (postMessage or BroadcastChannel); the page also asks the server now
 * and then and when the window closes, so a lost message does not leave it waiting for ever.
 */
export function useSigning() {
  const api = useAttestApi();
  const [state, setState] = useState<SigningState>({ phase: 'idle' });
  const signingWindow = useRef<Window | null>(null);

  const start = useCallback(
    async (request: NewSignRequest) => {
      setState({ phase: 'requesting', decision: request.decision });
      try {
        const created = await api.createSignRequest(request);
        signingWindow.current = openSigningWindow(created.signingUrl, created.requestId);
        setState({ phase: 'signing', request: created, blocked: !signingWindow.current, closed: false });
      } catch (error) {
        setState({ phase: 'failed', error, decision: request.decision });
      }
    },
    [api],
  );

  const reopen = useCallback(() => {
    if (state.phase !== 'signing') return;
    signingWindow.current = openSigningWindow(state.request.signingUrl, state.request.requestId);
    setState({ ...state, blocked: !signingWindow.current, closed: false });
  }, [state]);

  const reset = useCallback(() => {
    signingWindow.current = null;
    setState({ phase: 'idle' });
  }, []);

  const request = state.phase === 'signing' ? state.request : undefined;
  const requestId = request?.requestId;
  const decision = request?.decision;
  useEffect(() => {
    if (!requestId || !decision) return;
    let active = true;
    const check = async () => {
      const outcome = await api.getSignRequestOutcome(requestId).catch(() => undefined);
      if (!active || !outcome || outcome.status === 'PENDING') return;
      active = false;
      setState(
        outcome.status === 'SIGNED'
          ? { phase: 'done', outcome: { decision, orders: outcome.orders } }
          : { phase: 'failed', error: new Error(`beh.attest.signing.${outcome.status}`), decision },
      );
    };
    const stopListening = listenForSigned(requestId, () => void check());
    const poll = setInterval(() => void check(), POLL_MS);
    const watchWindow = setInterval(() => {
      if (!signingWindow.current?.closed) return;
      signingWindow.current = null;
      void check();
      setState((current) =>
        current.phase === 'signing' && current.request.requestId === requestId
          ? { ...current, closed: true }
          : current,
      );
    }, CLOSED_CHECK_MS);
    return () => {
      active = false;
      stopListening();
      clearInterval(poll);
      clearInterval(watchWindow);
    };
  }, [api, requestId, decision]);

  return { state, start, reopen, reset };
}
