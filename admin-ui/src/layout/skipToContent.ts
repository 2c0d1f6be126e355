/**
 * The skip link's action (WCAG 2.4.1): focus moves to the page's own heading, or to the content
 * area when it has none, and stays there, so the next Tab continues in the content. react-admin's
 * own version focuses the content and blurs it again at once, which leaves focus on the page body.
 */
export function skipToContent(): void {
  const content = document.getElementById('main-content');
  if (!content) return;
  const heading = content.querySelector<HTMLElement>('h1, [role="heading"][aria-level="1"]');
  const target = heading ?? content;
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
    target.addEventListener('blur', () => target.removeAttribute('tabindex'), { once: true });
  }
  target.focus();
}
