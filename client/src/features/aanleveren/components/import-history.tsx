import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { FiguresResponseSchema, ImportListSchema } from '../../../../../shared/contracts/figures.ts';
import {
  formatDateTime,
  formatNumber,
  formatPeriodLabel,
  formatSegment,
} from '../../../../../shared/domain/format-nl.ts';
import { PanelState } from '../../../components/ui/panel-state.tsx';
import { formatDelivered } from '../figure-text.ts';
import { changesByImport, type FigureChange } from '../import-changes.ts';
import { type IndicatorLookup, IndicatorName } from './indicator-name.tsx';
import { ProblemTable } from './problem-table.tsx';

type ImportList = z.infer<typeof ImportListSchema>;
type ImportSummary = ImportList['imports'][number];
type FiguresResponse = z.infer<typeof FiguresResponseSchema>;

const COLUMNS = 9;

interface ImportHistoryProps {
  imports: UseQueryResult<ImportList>;
  figures: UseQueryResult<FiguresResponse>;
  indicators: IndicatorLookup;
}

/** Step 3: every delivery that changed something, newest first, each with the figures it stored. */
export function ImportHistory({ imports, figures, indicators }: ImportHistoryProps) {
  const changes = useMemo(() => changesByImport(figures.data?.figures ?? []), [figures.data]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section aria-labelledby="eerdere-leveringen" className="card">
      <h2 id="eerdere-leveringen" tabIndex={-1}>
        Eerdere leveringen
      </h2>
      <PanelState
        query={imports}
        label="de eerdere leveringen"
        isEmpty={(data) => data.imports.length === 0}
        empty={<p className="muted">Er is voor deze DVO nog niets aangeleverd.</p>}
      >
        {(data) => (
          <div className="table-scroll">
            <table className="data-table delivery-history">
              <caption className="visually-hidden">Eerdere leveringen, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Wanneer</th>
                  <th scope="col">Periode</th>
                  <th scope="col">Wie</th>
                  <th scope="col">Bestand</th>
                  <th scope="col" className="num">
                    Nieuw
                  </th>
                  <th scope="col" className="num">
                    Gewijzigd
                  </th>
                  <th scope="col" className="num">
                    Ongewijzigd
                  </th>
                  <th scope="col" className="num">
                    Waarschuwingen
                  </th>
                  <th scope="col">Cijfers</th>
                </tr>
              </thead>
              <tbody>
                {data.imports.map((summary) => {
                  const isOpen = open.has(summary.id);
                  const detailId = `levering-${summary.id}`;
                  const when = formatDateTime(summary.recordedAt);
                  const stored = summary.created + summary.changed;
                  return (
                    <Fragment key={summary.id}>
                      <tr>
                        <th scope="row">
                          <time dateTime={summary.recordedAt}>{when}</time>
                        </th>
                        <td>{summary.periods.map(formatPeriodLabel).join(', ') || '–'}</td>
                        <td>{summary.user}</td>
                        <td className="delivery-filename">{summary.filename ?? 'via API'}</td>
                        <td className="num">{formatNumber(summary.created, 0)}</td>
                        <td className="num">{formatNumber(summary.changed, 0)}</td>
                        <td className="num">{formatNumber(summary.unchanged, 0)}</td>
                        <td className="num">{formatNumber(summary.warnings.length, 0)}</td>
                        <td>
                          <button
                            type="button"
                            className="button button-small"
                            aria-expanded={isOpen}
                            aria-controls={detailId}
                            onClick={() => toggle(summary.id)}
                          >
                            {isOpen ? 'Verberg' : 'Toon'} {formatNumber(stored, 0)}{' '}
                            {stored === 1 ? 'cijfer' : 'cijfers'}
                            <span className="visually-hidden"> van {when}</span>
                          </button>
                        </td>
                      </tr>
                      <tr id={detailId} hidden={!isOpen} className="delivery-detail-row">
                        <td colSpan={COLUMNS}>
                          {isOpen && (
                            <ImportDetail
                              summary={summary}
                              when={when}
                              changes={changes.get(summary.id) ?? []}
                              figures={figures}
                              indicators={indicators}
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

function ImportDetail({
  summary,
  when,
  changes,
  figures,
  indicators,
}: {
  summary: ImportSummary;
  when: string;
  changes: readonly FigureChange[];
  figures: UseQueryResult<FiguresResponse>;
  indicators: IndicatorLookup;
}) {
  return (
    <div className="delivery-detail">
      <PanelState
        query={figures}
        label="de cijfers van deze levering"
        isEmpty={() => changes.length === 0}
        empty={<p className="muted">Geen cijfers gevonden bij deze levering.</p>}
      >
        {() => (
          <table className="data-table">
            <caption>Cijfers uit de levering van {when}</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Periode</th>
                <th scope="col">Segment</th>
                <th scope="col" className="num">
                  Nieuwe waarde
                </th>
                <th scope="col" className="num">
                  Vorige waarde
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => {
                const unit = indicators.get(change.indicator)?.unit ?? null;
                return (
                  <tr key={`${change.indicator}|${change.period}|${change.segment ?? ''}`}>
                    <th scope="row">
                      <IndicatorName code={change.indicator} indicators={indicators} />
                    </th>
                    <td>{formatPeriodLabel(change.period)}</td>
                    <td>{formatSegment(change.segment)}</td>
                    <td className="num">{formatDelivered(change.revision, unit)}</td>
                    <td className="num">
                      {change.previous ? formatDelivered(change.previous, unit) : <span className="muted">nieuw</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </PanelState>
      {summary.warnings.length > 0 && (
        <ProblemTable problems={summary.warnings} caption={`Waarschuwingen bij de levering van ${when}`} />
      )}
    </div>
  );
}
