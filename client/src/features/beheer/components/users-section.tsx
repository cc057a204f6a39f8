import { useQuery } from '@tanstack/react-query';
import { Fragment, useId, useState } from 'react';
import { formatDateTime } from '../../../../../shared/domain/format-nl.ts';
import { PanelState } from '../../../components/ui/panel-state.tsx';
import { usersQuery } from '../api.ts';
import { type OrganisationOption, ROLE_LABEL } from '../beheer-text.ts';
import { NewUserForm } from './new-user-form.tsx';
import { UserManager } from './user-manager.tsx';

const COLUMNS = 6;

interface UsersSectionProps {
  organisations: readonly OrganisationOption[];
  /** The beheerder looking at the page. */
  self: string;
}

/** 1. Who may log in, with which role and organisation; add, change, disable, new password. */
export function UsersSection({ organisations, self }: UsersSectionProps) {
  const ids = useId();
  const users = useQuery(usersQuery);
  const [open, setOpen] = useState<string | null>(null);
  const nameOf = new Map(organisations.map((o) => [o.slug, o.name]));

  return (
    <section id="gebruikers" aria-labelledby={`${ids}-kop`} className="card beheer-section">
      <h2 id={`${ids}-kop`}>Gebruikers</h2>
      <NewUserForm organisations={organisations} />
      <h3>Alle gebruikers</h3>
      <PanelState query={users} label="de gebruikers">
        {(data) => (
          <div className="table-scroll">
            <table className="data-table beheer-users">
              <caption className="visually-hidden">Gebruikers, op naam</caption>
              <thead>
                <tr>
                  <th scope="col">Gebruikersnaam</th>
                  <th scope="col">Rol</th>
                  <th scope="col">Organisatie</th>
                  <th scope="col">Status</th>
                  <th scope="col">Aangemaakt</th>
                  <th scope="col">
                    <span className="visually-hidden">Beheren</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => {
                  const isOpen = open === user.username;
                  const detailId = `${ids}-beheren-${user.username}`;
                  const isSelf = user.username === self;
                  return (
                    <Fragment key={user.username}>
                      <tr>
                        <th scope="row">
                          {user.username}
                          {isSelf && <span className="tag tag-muted">uzelf</span>}
                        </th>
                        <td>{ROLE_LABEL[user.role]}</td>
                        <td>{user.organisation ? (nameOf.get(user.organisation) ?? user.organisation) : '–'}</td>
                        <td>
                          <span className={user.disabled ? 'beheer-state beheer-state-off' : 'beheer-state'}>
                            {user.disabled ? 'uitgeschakeld' : 'actief'}
                          </span>
                        </td>
                        <td>
                          <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time>
                        </td>
                        <td>
                          <button
                            type="button"
                            className="button button-small"
                            aria-expanded={isOpen}
                            aria-controls={detailId}
                            onClick={() => setOpen(isOpen ? null : user.username)}
                          >
                            {isOpen ? 'Sluiten' : 'Beheren'}
                            <span className="visually-hidden"> {user.username}</span>
                          </button>
                        </td>
                      </tr>
                      <tr id={detailId} hidden={!isOpen}>
                        <td colSpan={COLUMNS} className="beheer-detail-cell">
                          {isOpen && (
                            <UserManager
                              user={user}
                              organisations={organisations}
                              isSelf={isSelf}
                              headingId={`${detailId}-kop`}
                            />
                          )}
                        </td>
                      </tr>
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </PanelState>
    </section>
  );
}
