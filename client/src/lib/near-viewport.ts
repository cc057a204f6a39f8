import { type RefObject, useEffect, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the page is being printed (or shown as print, as the e2e tests do with emulateMedia):
 * then everything deferred must be drawn, since paper has no scrolling to bring it into view.
 */
let printing = false;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    // beforeprint must draw before the browser lays the page out for paper: synchronously
    window.addEventListener('beforeprint', onBeforePrint);
    printMedia()?.addEventListener('change', onPrintMedia);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('beforeprint', onBeforePrint);
      printMedia()?.removeEventListener('change', onPrintMedia);
    }
  };
}

function printMedia(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
}

function onBeforePrint() {
  printing = true;
  flushSync(notify);
}

function onPrintMedia(event: MediaQueryListEvent) {
  if (!event.matches) return;
  printing = true;
  notify();
}

const isPrinting = () => printing || (printMedia()?.matches ?? false);

/**
 * True once the element has come within `margin` of the viewport (and stays true), or when the page
 * is printed. Lets a screen full of charts draw only the ones a user can see: drawing them all at
 * once blocks the main thread for seconds on a phone.
 */
export function useNearViewport(ref: RefObject<Element | null>, margin = '300px'): boolean {
  const [near, setNear] = useState(false);
  const print = useSyncExternalStore(subscribe, isPrinting, () => false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near, margin]);
  return near || print;
}
