import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate, useParams } from 'react-router';
import type { Session } from '../../../shared/contracts/session.ts';
import { useLogout } from '../features/auth/api.ts';
import { dvosQuery } from '../features/catalogue/api.ts';

const ROLE_LABEL: Record<Session['user']['role'], string> = {
  beheerder: 'beheerder',
  opdrachtgever: 'opdrachtgever',
  opdrachtnemer: 'opdrachtnemer',
  lezer: 'lezer',
};

function DvoPicker() {
  const { dvo } = useParams();
  const navigate = useNavigate();
  const query = useQuery(dvosQuery);
  if (!query.data || query.data.dvos.length < 2) return null;
  return (
    <div className="dvo-picker">
      <label htmlFor="dvo-picker">DVO</label>
      <select id="dvo-picker" value={dvo ?? ''} onChange={(e) => navigate(`/dvo/${e.target.value}/afspraken`)}>
        {query.data.dvos.map((d) => (
          <option key={d.slug} value={d.slug}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ session }: { session: Session }) {
  const { dvo } = useParams();
  const logout = useLogout();
  return (
    <>
      <a href="#inhoud" className="skip-link">
        Naar de inhoud
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <span className="brand">dvo-monitor</span>
          <DvoPicker />
          {dvo && (
            <nav aria-label="Hoofdmenu">
              <ul className="nav-list">
                <li>
                  <NavLink to={`/dvo/${dvo}/afspraken`}>Afspraken</NavLink>
                </li>
              </ul>
            </nav>
          )}
          <div className="user-box">
            <span>
              {session.user.username} ({ROLE_LABEL[session.user.role]}
              {session.user.organisation ? `, ${session.user.organisation.name}` : ''})
            </span>
            <button type="button" className="button button-small" onClick={() => logout.mutate()}>
              Uitloggen
            </button>
          </div>
        </div>
      </header>
      <main id="inhoud" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
