import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Every screen is a page of its own (WCAG 2.4.2, 2.4.3): the document title is the screen's h1,
 * the DVO it is about and the product name; after a client-side navigation to another path the
 * focus moves to the new h1, as a full page load would put a screen reader at the top.
 *
 * The title is read from the h1 itself (its `data-title` where the visible heading is not the
 * page's name, as on the login screen), so it cannot drift from what the screen says and the screens
 * need no code of their own; the h1 of a screen that loads its data first appears later, so the
 * page is watched until it is there. Decision 0020.
 */

// the path of the screen shown last; null until the first screen (a first load moves no focus)
let shownPath: string | null = null;

const FORM_FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

export function titleOf(heading: string | null | undefined, context: string | null | undefined): string {
  const parts = [heading?.replace(/\s+/g, ' ').trim()];
  // "Aanleveren – DVO X" already names the DVO
  if (context && !parts[0]?.includes(context)) parts.push(context);
  parts.push('dvo-monitor');
  return [...new Set(parts.filter(Boolean))].join(' – ');
}

/** Keeps document.title in step with the screen's h1 and moves the focus to it after a navigation. */
export function PageTitle({ context }: { context?: string | null }) {
  const { pathname } = useLocation();
  useEffect(() => {
    const navigated = shownPath !== null && shownPath !== pathname;
    shownPath = pathname;
    let focusDue = navigated;
    const update = () => {
      const h1 = document.querySelector<HTMLHeadingElement>('main h1, h1');
      const title = titleOf(h1?.dataset.title ?? h1?.textContent, context);
      if (document.title !== title) document.title = title;
      if (!focusDue || !h1) return;
      focusDue = false;
      // someone choosing in a list or typing (the DVO picker navigates on change) keeps the focus
      const active = document.activeElement;
      if (active && FORM_FIELDS.has(active.tagName)) return;
      if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
      window.scrollTo(0, 0);
      h1.focus({ preventScroll: true });
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [pathname, context]);
  return null;
}
