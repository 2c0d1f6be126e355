/**
 * What a show or edit page does when its record cannot be loaded. react-admin's own reaction is
 * "Uppgiften finns inte" and a redirect to the list, whatever the failure: after a network failure
 * or a 5xx (a refresh during an outage) that is untrue, and throws away the record on screen. Set as
 * the default `queryOptions.onError` of every Show and Edit (layout/theme.ts); the handler is
 * installed by the layout (layout/ContentStatus.tsx), which has react-admin's notify and redirect.
 */
type Handler = (error: unknown) => void;

let handler: Handler | undefined;

/** Installed by the layout; returns the uninstall. */
export function setRecordLoadFailureHandler(next: Handler): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = undefined;
  };
}

/** A show or edit page's load failed: an outage is the layout's banner, anything else react-admin's "not found". */
export function onRecordLoadError(error: unknown): void {
  handler?.(error);
}
