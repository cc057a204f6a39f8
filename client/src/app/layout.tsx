import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { Session } from '../../../shared/contracts/session.ts';
import { useLogout } from '../features/auth/api.ts';
import { teDoenQuery } from '../features/te-doen/api.ts';
import { dvosQuery } from '../lib/dvo-queries.ts';
import {
  lastMonthOfQuarter,
  monthsOfQuarter,
  parseMonth,
  parseScreen,
  quarterOfMonthPeriod,
  type Screen,
} from '../lib/period-nav.ts';
import { PageTitle } from './page-title.tsx';
import { PeriodBar } from './period-bar.tsx';
import { rememberDvo, rememberedDvo, rememberedMonth, rememberMonth } from './period-memory.ts';
import { useScrollRegions } from './scroll-regions.ts';

const ROLE_LABEL: Record<Session['user']['role'], string> = {
  beheerder: 'beheerder',
  opdrachtgever: 'opdrachtgever',
  opdrachtnemer: 'opdrachtnemer',
  lezer: 'lezer',
};

/** The month the screen is about: from the URL, else the one remembered for this DVO. */
function monthOf(screen: Screen, year: number | undefined): string | null {
  if (!screen.dvo) return null;
  const remembered = rememberedMonth(screen.dvo);
  const valid = remembered && parseMonth(remembered)?.year === year ? remembered : null;
  if (screen.screen === 'maand') return screen.month;
  if (screen.screen === 'indicator' && screen.month) return screen.month;
  if (screen.screen === 'kwartaal') {
    // keep a remembered month inside this quarter (jun → Q2 → back to jun, not to the quarter end)
    return valid && monthsOfQuarter(screen.quarter).includes(valid) ? valid : lastMonthOfQuarter(screen.quarter);
  }
  return valid;
}

/**
 * "Te doen" with the number of open items as a badge; a screen reader reads "Te doen 5 open" (the
 * name is the link's own text, so what is seen is what is heard).
 */
function TeDoenLink() {
  const teDoen = useQuery(teDoenQuery);
  const count = teDoen.data?.count;
  // the badge's room is kept while the count loads, so the menu does not wrap anew when it arrives
  return (
    <NavLink to="/te-doen">
      Te doen{' '}
      {count === undefined ? (
        <span className="nav-count nav-count-pending" aria-hidden="true">
          0
        </span>
      ) : (
        <>
          <span className="nav-count">{count}</span>
          <span className="visually-hidden"> open</span>
        </>
      )}
    </NavLink>
  );
}

function DvoPicker({ current, screen }: { current: string | null; screen: Screen }) {
  const navigate = useNavigate();
  const query = useQuery(dvosQuery);
  const dvos = query.data?.dvos ?? [];
  const summary = dvos.find((d) => d.slug === current);
  // a fixed slot while loading, so the header does not grow when the name arrives
  if (dvos.length < 2) return current ? <span className="dvo-name">{summary?.name ?? ''}</span> : null;
  return (
    <div className="dvo-picker">
      <label htmlFor="dvo-picker">DVO</label>
      <select
        id="dvo-picker"
        value={current ?? ''}
        onChange={(e) => navigate(`/dvo/${e.target.value}${screen.screen === 'kwartaal' ? '/kwartaal' : ''}`)}
      >
        {!summary && <option value="">kies een DVO</option>}
        {dvos.map((d) => (
          <option key={d.slug} value={d.slug}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ session }: { session: Session }) {
  const location = useLocation();
  const screen = parseScreen(location.pathname, location.search);
  const dvos = useQuery(dvosQuery);
  // outside a DVO's pages (Beheer, tokens) the menu keeps pointing at the DVO last looked at
  const remembered = rememberedDvo();
  const dvo = screen.dvo ?? (dvos.data?.dvos.some((d) => d.slug === remembered) ? remembered : null);
  const summary = dvos.data?.dvos.find((d) => d.slug === dvo);
  const month = monthOf({ ...screen, dvo } as Screen, summary?.year);
  // the period in the URL gives the year, so the period bar is drawn with the page, not after /dvos
  const year = summary?.year ?? (month ? parseMonth(month)?.year : undefined);
  const logout = useLogout();
  useScrollRegions();

  useEffect(() => {
    if (screen.dvo) rememberDvo(screen.dvo);
    if (dvo && month && (screen.screen === 'maand' || screen.screen === 'indicator')) rememberMonth(dvo, month);
  }, [dvo, month, screen.screen, screen.dvo]);

  const base = dvo ? `/dvo/${encodeURIComponent(dvo)}` : '';
  const quarter = month ? quarterOfMonthPeriod(month) : null;
  return (
    <>
      <PageTitle context={screen.dvo ? summary?.name : null} />
      <a href="#inhoud" className="skip-link">
        Naar de inhoud
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <span className="brand">dvo-monitor</span>
          <nav aria-label="Hoofdmenu">
            <ul className="nav-list">
              <li>
                <TeDoenLink />
              </li>
              {dvo && (
                <>
                  <li>
                    <NavLink to={month ? `${base}/maand/${month}` : base} end={!month}>
                      Maandoverzicht
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to={quarter ? `${base}/kwartaal/${quarter}` : `${base}/kwartaal`}>Kwartaaloverleg</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/afspraken`}>Afspraken</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/jaarevaluatie`}>Jaarevaluatie</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/aanleveren`}>Aanleveren</NavLink>
                  </li>
                  <li>
                    <NavLink to={month ? `${base}/afwijkingen?periode=${month}` : `${base}/afwijkingen`}>
                      Afwijkingen
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/overleg`}>Overleg</NavLink>
                  </li>
                </>
              )}
              {session.user.role === 'beheerder' && (
                <li>
                  <NavLink to="/beheer">Beheer</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <DvoPicker current={dvo} screen={screen} />
          <div className="user-box">
            <span>
              {session.user.username} ({ROLE_LABEL[session.user.role]}
              {session.user.organisation ? `, ${session.user.organisation.name}` : ''})
            </span>
            <NavLink to="/tokens" className="beheer-tokens-link">
              API-tokens
            </NavLink>
            <button type="button" className="button button-small" onClick={() => logout.mutate()}>
              Uitloggen
            </button>
          </div>
        </div>
        {dvo && ['maand', 'kwartaal', 'indicator'].includes(screen.screen) && (
          // the row is there from the first paint (fixed height), so the page does not shift down
          <div className="site-header-inner site-header-periods">
            {year && month && (
              <PeriodBar screen={screen} dvo={dvo} year={year} month={month} search={location.search} />
            )}
          </div>
        )}
      </header>
      <main id="inhoud" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <a href="/toegankelijkheid">Toegankelijkheidsverklaring</a>
      </footer>
    </>
  );
}
