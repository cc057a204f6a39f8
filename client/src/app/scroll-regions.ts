import { useEffect } from 'react';

/**
 * A table wider than the screen scrolls inside its `.table-scroll` box, not the page (WCAG 1.4.10).
 * A box that scrolls must be reachable and named for keyboard users (WCAG 2.1.1, axe
 * `scrollable-region-focusable`): while it is wider than its box it gets tabindex=0, role=region and
 * the table's name; on a wide screen, where nothing scrolls, it is no tab stop. Done once here for
 * every screen's tables rather than in each of them (decision 0020).
 */

const MANAGED = 'scrollRegion';

/** The name of the table in the box: its caption or aria-label, else the heading of its section. */
export function scrollRegionLabel(box: HTMLElement): string {
  const table = box.querySelector('table');
  const labelledBy = table?.getAttribute('aria-labelledby');
  const name =
    table?.caption?.textContent ||
    table?.getAttribute('aria-label') ||
    (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ||
    box.closest('section, .card')?.querySelector('h2, h3')?.textContent ||
    '';
  const clean = name.replace(/\s+/g, ' ').trim();
  return clean ? `Tabel: ${clean}` : 'Tabel';
}

function mark(box: HTMLElement): void {
  const managed = box.dataset[MANAGED] === '1';
  // a box a screen made focusable itself is left alone
  if (!managed && box.hasAttribute('tabindex')) return;
  const scrolls = box.scrollWidth > box.clientWidth + 1;
  if (scrolls) {
    const label = scrollRegionLabel(box);
    if (managed && box.getAttribute('aria-label') === label) return;
    box.dataset[MANAGED] = '1';
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', label);
  } else if (managed) {
    delete box.dataset[MANAGED];
    box.removeAttribute('tabindex');
    box.removeAttribute('role');
    box.removeAttribute('aria-label');
  }
}

/** Watches the page for `.table-scroll` boxes and keeps their focusability in step with their width. */
export function useScrollRegions(): void {
  useEffect(() => {
    let frame = 0;
    const observed = new WeakSet<Element>();
    const resize = new ResizeObserver((entries) => {
      for (const entry of entries) mark(entry.target as HTMLElement);
    });
    const scan = () => {
      frame = 0;
      for (const box of document.querySelectorAll<HTMLElement>('.table-scroll')) {
        if (!observed.has(box)) {
          observed.add(box);
          resize.observe(box);
        }
        mark(box);
      }
    };
    // once a frame at most: a screen that draws its tables in parts changes the page many times
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(scan);
    };
    scan();
    const mutations = new MutationObserver(schedule);
    mutations.observe(document.body, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      resize.disconnect();
    };
  }, []);
}
