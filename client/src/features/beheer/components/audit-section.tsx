import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import type { z } from 'zod';
import type { AuditEntrySchema } from '../../../../../shared/contracts/admin.ts';
import { formatDateTime, formatNumber } from '../../../../../shared/domain/format-nl.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { auditQuery } from '../api.ts';
import { actionLabel, describeChange, describeSubject, formatJson, usernamesById } from '../beheer-text.ts';

type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** 2. Every write, newest first, a page at a time. */
export function AuditSection() {
  const ids = useId();
  const audit = useInfiniteQuery(auditQuery);
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.entries) ?? [], [audit.data]);
  const usernames = useMemo(() => usernamesById(entries), [entries]);

  return (
    <section id="auditlog" aria-labelledby={`${ids}-kop`} className="card beheer-section">
      <h2 id={`${ids}-kop`}>Auditlog</h2>
      <p className="lead">Wie wat wanneer heeft gewijzigd, nieuwste eerst. Wachtwoorden en tokens staan er nooit in.</p>
      {audit.isPending ? (
        <p className="message message-loading" role="status">
          Bezig met laden van het auditlog…
        </p>
      ) : audit.isError && entries.length === 0 ? (
        <div className="message message-error" role="alert">
          <p>
            Kon het auditlog niet laden. {audit.error instanceof ApiError ? audit.error.message : 'Onbekende fout.'}
          </p>
          <button type="button" className="button" onClick={() => void audit.refetch()}>
            Opnieuw proberen
          </button>
        </div>
      ) : entries.length === 0 ? (
        <p className="muted">Er is nog niets gewijzigd.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table beheer-audit">
              <caption className="visually-hidden">Auditlog, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Wanneer</th>
                  <th scope="col">Wie</th>
                  <th scope="col">Actie</th>
                  <th scope="col">Onderwerp</th>
                  <th scope="col">Wijziging</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} subject={describeSubject(entry, usernames)} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="beheer-actions">
            {audit.hasNextPage ? (
              <button
                type="button"
                className="button"
                aria-disabled={audit.isFetchingNextPage}
                onClick={() => {
                  if (!audit.isFetchingNextPage) void audit.fetchNextPage();
                }}
              >
                {audit.isFetchingNextPage ? 'Bezig met laden…' : 'Meer laden'}
              </button>
            ) : null}
            <p role="status" className="beheer-done">
              {formatNumber(entries.length, 0)} {entries.length === 1 ? 'regel' : 'regels'} getoond
              {audit.hasNextPage ? '' : '; dit is alles'}.
            </p>
          </div>
          {audit.isFetchNextPageError && (
            <p role="alert" className="message message-error beheer-error">
              Kon niet meer regels laden.{' '}
              {audit.error instanceof ApiError ? audit.error.message : 'Probeer het opnieuw.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function AuditRow({ entry, subject }: { entry: AuditEntry; subject: string }) {
  const label = actionLabel(entry.action);
  const lines = describeChange(entry.before, entry.after);
  const hasData = entry.before != null || entry.after != null;
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </td>
      <td>{entry.user ?? 'systeem'}</td>
      <td>{label ?? <span className="code-inline">{entry.action}</span>}</td>
      <td className="beheer-subject">{subject}</td>
      <td className="beheer-change">
        {lines && lines.length > 0 && <p className="beheer-change-lines">{lines.join('; ')}</p>}
        {hasData ? (
          <details>
            <summary>
              Gegevens<span className="visually-hidden"> van {label ?? entry.action}</span>
            </summary>
            <dl className="beheer-json">
              <dt>Voor</dt>
              <dd>
                <pre>{formatJson(entry.before)}</pre>
              </dd>
              <dt>Na</dt>
              <dd>
                <pre>{formatJson(entry.after)}</pre>
              </dd>
            </dl>
          </details>
        ) : (
          '–'
        )}
      </td>
    </tr>
  );
}
