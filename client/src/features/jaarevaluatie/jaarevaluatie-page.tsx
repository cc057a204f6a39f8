import { queryOptions, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { EvaluationResponse } from '../../../../shared/contracts/evaluation.ts';
import { buildYearReport } from '../../../../shared/domain/year-report.ts';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { api } from '../../lib/api-client.ts';

const evaluationPath = (dvo: string) => `/api/dvos/${encodeURIComponent(dvo)}/evaluation`;

const evaluationQuery = (dvo: string) =>
  queryOptions({
    queryKey: ['dvos', dvo, 'evaluation'],
    queryFn: ({ signal }) => api<EvaluationResponse>(evaluationPath(dvo), { signal }),
  });

const statusClass = (status: string | null) => (status === null ? 'month-empty' : `status-${status.replace('_', '-')}`);

/**
 * Jaarevaluatie (DVO art. 50, interface.md §7): per chapter a summary, per agreement the year result
 * against its norm, the month strip, the deviations with their maatregelen and whether they worked,
 * and last year's result; the same as PDF and Word for the evaluation meeting in November.
 */
export default function JaarevaluatiePage() {
  const { dvo = '' } = useParams();
  const query = useQuery(evaluationQuery(dvo));
  return (
    <>
      <h1>Jaarevaluatie {query.data ? `${query.data.year} – ${query.data.name}` : ''}</h1>
      <PanelState query={query} label="de jaarevaluatie">
        {(data) => {
          const report = buildYearReport(data, new Date().toISOString());
          return (
            <>
              <p className="lead">
                {data.final
                  ? 'Het jaar is om: de jaarresultaten zijn definitief.'
                  : `Het jaar is nog niet om: de jaarresultaten zijn een prognose, beoordeeld tot en met ${report.facts[1]?.value.replace(/^prognose \(beoordeeld tot en met (.*)\)$/, '$1')}.`}{' '}
                De DVO (art. 50) evalueert de samenwerking jaarlijks in november; de uitkomsten gaan mee in de afspraken
                voor het volgende jaar.{report.previousNote && ` ${report.previousNote}`}
              </p>
              <p className="downloads">
                Downloaden:{' '}
                <a href={`${evaluationPath(dvo)}?format=pdf`} download>
                  Jaarevaluatie als PDF
                </a>{' '}
                ·{' '}
                <a href={`${evaluationPath(dvo)}?format=docx`} download>
                  Jaarevaluatie als Word-document
                </a>
              </p>
              <details className="card">
                <summary>Leeswijzer</summary>
                <dl>
                  {report.legend.statuses.map((s) => (
                    <div key={s.status}>
                      <dt>{s.label}</dt>
                      <dd>{s.meaning}</dd>
                    </div>
                  ))}
                </dl>
                <p>{report.legend.marks}</p>
                <p>{report.legend.effect}</p>
              </details>
              {report.chapters.map((chapter, c) => {
                const headingId = `jaar-hoofdstuk-${c}`;
                return (
                  <section key={chapter.name} aria-labelledby={headingId} className="card">
                    <h2 id={headingId}>{chapter.name}</h2>
                    <p>
                      Jaarresultaat ({report.basis}):{' '}
                      {chapter.counts.map((n) => `${n.count} ${n.label.toLowerCase()}`).join(', ')}.{' '}
                      {chapter.offTrack.length > 0
                        ? `Afwijking op het jaar: ${chapter.offTrack.join('; ')}.`
                        : 'Geen afspraak wijkt op het jaar af.'}
                    </p>
                    <ul className="year-list">
                      {chapter.lines.map((line) => (
                        <li key={line.key} className="year-item">
                          <h3>{line.agreement}</h3>
                          <p>
                            <strong className={statusClass(line.status)}>{line.statusLabel}</strong>:{' '}
                            {`${line.resultText}. Norm: ${line.normText}`}
                          </p>
                          <ol className="month-strip" aria-label="Status per maand">
                            {line.months.map((m) => (
                              <li key={m.month} className={statusClass(m.status)} title={m.label}>
                                <span aria-hidden="true">
                                  {m.month}
                                  <br />
                                  {m.mark || '·'}
                                </span>
                                <span className="visually-hidden">{m.label}</span>
                              </li>
                            ))}
                          </ol>
                          <p>
                            {line.deviationText}.{!report.previousNote && ` Vorig jaar: ${line.previousText}.`}
                          </p>
                          {line.threads.map((t) => (
                            <p key={t.id} className="year-thread">
                              Afwijking sinds {t.since} ({t.state}).{' '}
                              {t.toelichting && <>Toelichting: {t.toelichting} </>}
                              Maatregel: {t.maatregel}
                              {t.effect && <> – {t.effect}</>}.
                            </p>
                          ))}
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </>
          );
        }}
      </PanelState>
    </>
  );
}
