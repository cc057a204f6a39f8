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

/** A box is a region while its table is wider than it; a box a screen made focusable itself is left alone. */
function shouldScroll(box: HTMLElement): boolean | null {
  const managed = box.dataset[MANAGED] === '1';
  if (!managed && box.hasAttribute('tabindex')) return null;
  return box.scrollWidth > box.clientWidth + 1;
}

function mark(box: HTMLElement, scrolls: boolean): void {
  const managed = box.dataset[MANAGED] === '1';
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

/**
 * Watches the page for `.table-scroll` boxes and keeps their focusability in step with their width.
 * Widths are read only in a ResizeObserver callback, which runs after the browser's own layout, and
 * all of them before any box is changed: reading a width right after a screen drew its tables, or
 * between two changes, made the browser lay the whole page out again for every box (on a phone a
 * task of 100 ms and more, measured with Lighthouse).
 */
export function useScrollRegions(): void {
  useEffect(() => {
    let frame = 0;
    const observed = new WeakSet<Element>();
    // the box and its table: a table that grows inside a box of the same width reports too
    const resize = new ResizeObserver((entries) => {
      const boxes = new Set<HTMLElement>();
      for (const entry of entries) {
        const box = entry.target.closest<HTMLElement>('.table-scroll');
        if (box) boxes.add(box);
      }
      const measured = [...boxes].map((box) => [box, shouldScroll(box)] as const);
      for (const [box, scrolls] of measured) if (scrolls !== null) mark(box, scrolls);
    });
    const watch = (element: Element | null) => {
      if (element && !observed.has(element)) {
        observed.add(element);
        resize.observe(element);
      }
    };
    const scan = () => {
      frame = 0;
      for (const box of document.querySelectorAll<HTMLElement>('.table-scroll')) {
        watch(box);
        watch(box.querySelector('table'));
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
