import { useEffect, useId, useRef } from 'react';
import { useNavigate } from 'react-router';
import { formatPeriodLabel } from '../../../shared/domain/format-nl.ts';
import {
  lastMonthOfQuarter,
  monthsOfYear,
  parseScreen,
  quartersOfYear,
  type Screen,
  shiftMonth,
  shiftQuarter,
} from '../lib/period-nav.ts';
import { rememberMonth } from './period-memory.ts';

interface Props {
  screen: Screen;
  dvo: string;
  year: number;
  /** The month in view (or remembered); on the kwartaal screen the quarter comes from the URL. */
  month: string;
  search: string;
}

/** Where a period choice leads, per screen: the same screen at the new period. */
function targetFor(screen: Screen, dvo: string, period: string, search: string): string {
  const base = `/dvo/${encodeURIComponent(dvo)}`;
  switch (screen.screen) {
    case 'kwartaal':
      return `${base}/kwartaal/${period}`;
    case 'indicator': {
      const params = new URLSearchParams(search);
      params.set('period', period);
      return `${base}/indicator/${encodeURIComponent(screen.code)}?${params}`;
    }
    case 'maand':
      return `${base}/maand/${period}${search}`;
    default:
      return `${base}/maand/${period}`;
  }
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/**
 * The period picker: a month (or, on the kwartaal screen, a quarter) of the DVO year, previous and
 * next buttons, and the keyboard shortcuts [ and ] or Alt+PageUp / Alt+PageDown.
 */
export function PeriodBar({ screen, dvo, year, month, search }: Props) {
  const navigate = useNavigate();
  const id = useId();
  const byQuarter = screen.screen === 'kwartaal';
  const current = screen.screen === 'kwartaal' ? screen.quarter : month;
  const unit = byQuarter ? 'kwartaal' : 'maand';
  const options = byQuarter ? quartersOfYear(year) : monthsOfYear(year);
  const shift = (delta: number) => (byQuarter ? shiftQuarter(current, delta, year) : shiftMonth(current, delta, year));
  const previous = shift(-1);
  const next = shift(1);

  const go = (period: string | null) => {
    if (!period) return;
    const remembered = byQuarter ? lastMonthOfQuarter(period) : period;
    if (remembered) rememberMonth(dvo, remembered);
    navigate(targetFor(screen, dvo, period, search));
  };

  // Keys read the period from the address bar at the moment of the key press: the router renders a
  // navigation in a transition, so props can lag behind a quick second press.
  const latest = useRef({ dvo, year, month });
  latest.current = { dvo, year, month };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      let delta = 0;
      if (event.altKey && event.key === 'PageUp') delta = -1;
      else if (event.altKey && event.key === 'PageDown') delta = 1;
      else if (!event.altKey && event.key === '[') delta = -1;
      else if (!event.altKey && event.key === ']') delta = 1;
      if (delta === 0 || isTyping(event.target)) return;
      const { dvo, year, month } = latest.current;
      const live = parseScreen(window.location.pathname, window.location.search);
      const liveSearch = window.location.search;
      let period: string | null = null;
      if (live.screen === 'kwartaal') period = shiftQuarter(live.quarter, delta, year);
      else if (live.screen === 'maand') period = shiftMonth(live.month, delta, year);
      else if (live.screen === 'indicator') period = shiftMonth(live.month ?? month, delta, year);
      if (!period || live.dvo !== dvo) return;
      event.preventDefault();
      const remembered = live.screen === 'kwartaal' ? lastMonthOfQuarter(period) : period;
      if (remembered) rememberMonth(dvo, remembered);
      navigate(targetFor(live, dvo, period, liveSearch));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate]);

  const inYear = options.includes(current);
  return (
    <div className="period-bar">
      <button
        type="button"
        className="button button-small button-on-dark"
        onClick={() => go(previous)}
        disabled={!previous}
        aria-keyshortcuts="[ Alt+PageUp"
      >
        <span aria-hidden="true">‹ </span>Vorige {unit}
      </button>
      <label htmlFor={id}>{byQuarter ? 'Kwartaal' : 'Maand'}</label>
      <select id={id} value={inYear ? current : ''} onChange={(e) => go(e.target.value)}>
        {!inYear && <option value="">kies een {unit}</option>}
        {options.map((p) => (
          <option key={p} value={p}>
            {formatPeriodLabel(p)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-small button-on-dark"
        onClick={() => go(next)}
        disabled={!next}
        aria-keyshortcuts="] Alt+PageDown"
      >
        Volgende {unit}
        <span aria-hidden="true"> ›</span>
      </button>
      <p className="shortcut-hint">
        Sneltoetsen: <kbd>[</kbd> of <kbd>Alt</kbd>+<kbd>PageUp</kbd> vorige {unit}, <kbd>]</kbd> of <kbd>Alt</kbd>+
        <kbd>PageDown</kbd> volgende {unit} (niet in een invoerveld).
      </p>
      <p className="visually-hidden" role="status">
        {inYear ? `Periode: ${formatPeriodLabel(current)}` : ''}
      </p>
    </div>
  );
}
