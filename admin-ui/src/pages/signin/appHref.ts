/**
 * The address of an app route as the browser sees it. react-admin runs on a hash router by default
 * (`/#/delegations`); under a browser router the route is the path itself.
 */
export function appHref(route: string): string {
  const { pathname, hash } = window.location;
  return hash.startsWith('#/') ? `${pathname}#${route}` : route;
}

/** Opens an app route with a full page load, so nothing of an earlier session's state stays in memory. */
export function reloadAt(route: string): void {
  window.history.replaceState(null, '', appHref(route));
  window.location.reload();
}
