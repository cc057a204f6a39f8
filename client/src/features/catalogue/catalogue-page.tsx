import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Indicator } from '../../../../shared/contracts/catalogue.ts';
import type { CurrentIndicator } from '../../../../shared/contracts/dvos.ts';
import type { Role } from '../../../../shared/contracts/session.ts';
import {
  articleLabel,
  describeNorm,
  formatSegment,
  formatValue,
  frequencyLabel,
} from '../../../../shared/domain/format-nl.ts';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { useSearchParamsAtOnce } from '../../lib/search-params.ts';
import { dvosQuery, indicatorsQuery, sessionQuery } from './api.ts';
import { NormPanel } from './components/norm-panel.tsx';
import { PreviousLink } from './components/previous-link.tsx';
import { linkableDvo } from './previous-link.ts';

/** Who may record a new version of a norm (interface.md §7) and match an agreement with last year's. */
const NORM_EDITORS: readonly Role[] = ['beheerder', 'opdrachtgever'];

const KIND_LABEL: Record<Indicator['kind'], string> = {
  flow: 'aantal per periode',
  stock: 'stand',
  ratio: 'percentage',
  score: 'cijfer',
  qualitative: 'kwalitatief',
  milestone: 'mijlpaal',
};

function NormSource({ indicator }: { indicator: CurrentIndicator }) {
  const { source, norm } = indicator;
  const parameter = norm.basis === 'relative' && 'baseParameter' in norm ? norm.baseParameter : null;
  return (
    <>
      {source.reference}
      {indicator.provisional && <span className="badge badge-placeholder"> voorlopige waarde</span>}
      {source.note && <span className="source-note"> {source.note}</span>}
      {parameter && (
        <span className="base-parameter">
          {parameter.name}:{' '}
          {Object.entries(parameter.values)
            .map(
              ([segment, value]) =>
                `${formatSegment(segment)} ${value === null ? 'nog niet ingevuld' : formatValue(value, 'aantal')}`,
            )
            .join('; ')}{' '}
          (bron: {parameter.source})
        </span>
      )}
    </>
  );
}

/**
 * Every agreement of the DVO by chapter, with its current norm, its version and where it comes from;
 * each opens its version history, where a beheerder or opdrachtgever records a new version.
 */
export default function CataloguePage() {
  const { dvo = '' } = useParams();
  const query = useQuery(indicatorsQuery(dvo));
  const session = useQuery(sessionQuery);
  const canEdit = session.data ? NORM_EDITORS.includes(session.data.user.role) : false;
  const [open, setOpen] = useState<string | null>(null);
  const dvos = useQuery(dvosQuery);
  const lastYear = query.data && dvos.data ? linkableDvo(query.data.dvo, query.data.indicators, dvos.data.dvos) : null;
  const lastYearQuery = useQuery({ ...indicatorsQuery(lastYear?.slug ?? ''), enabled: lastYear !== null });
  const lastYearAgreements = lastYearQuery.data?.indicators ?? [];
  const lastYearNames = new Map(lastYearAgreements.map((i) => [i.code, i.name]));
  const [searchParams, setSearchParams] = useSearchParamsAtOnce();
  const onlyProgrammabegroting = searchParams.get('programmabegroting') === '1';
  const setOnlyProgrammabegroting = (on: boolean) => {
    const next = new URLSearchParams(searchParams);
    if (on) next.set('programmabegroting', '1');
    else next.delete('programmabegroting');
    setSearchParams(next);
  };

  return (
    <>
      <h1>Afspraken {query.data ? `– ${query.data.dvo.name}` : ''}</h1>
      <PanelState query={query} label="de afspraken">
        {(data) => {
          const names = new Map(data.indicators.map((i) => [i.code, i.name]));
          return (
            <>
              <p className="lead">
                {data.dvo.opdrachtgever.name} (opdrachtgever) en {data.dvo.opdrachtnemer.name} (opdrachtnemer),{' '}
                {data.indicators.length} afspraken in {data.dvo.chapters.length} hoofdstukken.
                {lastYear &&
                  ` Bij elke afspraak staat dezelfde afspraak in ${lastYear.name} ("Vorig jaar"), waarmee het Indicator-scherm en de Jaarevaluatie haar vergelijken.`}
              </p>
              <form className="filters card" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
                <label className="check">
                  <input
                    type="checkbox"
                    name="programmabegroting"
                    checked={onlyProgrammabegroting}
                    onChange={(e) => setOnlyProgrammabegroting(e.target.checked)}
                  />
                  Alleen afspraken in de programmabegroting (in de DVO gemarkeerd met *:{' '}
                  {data.indicators.filter((i) => i.programmabegroting).length} afspraken)
                </label>
              </form>
              {data.dvo.chapters.map((chapter) => {
                const rows = data.indicators.filter(
                  (i) => i.chapter === chapter && (!onlyProgrammabegroting || i.programmabegroting),
                );
                if (rows.length === 0) return null;
                const openRow = rows.find((i) => i.code === open);
                const headingId = `hoofdstuk-${chapter.replace(/\W+/g, '-').toLowerCase()}`;
                return (
                  <section key={chapter} aria-labelledby={headingId} className="card">
                    <h2 id={headingId}>{chapter}</h2>
                    <div className="table-scroll">
                      <table className="data-table">
                        <thead>
                          <tr>
                            <th scope="col">Art.</th>
                            <th scope="col">Afspraak</th>
                            <th scope="col">Soort</th>
                            <th scope="col">Levering</th>
                            <th scope="col">Norm</th>
                            <th scope="col">Bron van de norm</th>
                            <th scope="col">Versies</th>
                            {lastYear && <th scope="col">Vorig jaar ({lastYear.year})</th>}
                          </tr>
                        </thead>
                        <tbody>
                          {rows.map((indicator) => (
                            <tr key={indicator.code}>
                              <td>{articleLabel(indicator.article)}</td>
                              <th scope="row">
                                {indicator.name}
                                {indicator.programmabegroting && (
                                  <span className="badge badge-programmabegroting">programmabegroting</span>
                                )}
                                <span className="code">{indicator.code}</span>
                              </th>
                              <td>{KIND_LABEL[indicator.kind]}</td>
                              <td>{frequencyLabel(indicator)}</td>
                              <td>{describeNorm(indicator, names)}</td>
                              <td>
                                <NormSource indicator={indicator} />
                              </td>
                              <td>
                                <button
                                  type="button"
                                  className="button button-small"
                                  aria-expanded={open === indicator.code}
                                  aria-controls={`versies-${indicator.code}`}
                                  onClick={() => setOpen(open === indicator.code ? null : indicator.code)}
                                >
                                  versie {indicator.version}
                                  <span className="visually-hidden"> van {indicator.name}:</span>{' '}
                                  {canEdit ? 'bekijken of wijzigen' : 'bekijken'}
                                </button>
                              </td>
                              {lastYear && (
                                <td>
                                  <PreviousLink
                                    dvo={dvo}
                                    indicator={indicator}
                                    lastYear={lastYear.slug}
                                    lastYearAgreements={lastYearAgreements}
                                    names={lastYearNames}
                                    canEdit={canEdit}
                                  />
                                </td>
                              )}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    {openRow && (
                      <div id={`versies-${openRow.code}`}>
                        <NormPanel dvo={dvo} indicator={openRow} year={data.dvo.year} canEdit={canEdit} names={names} />
                      </div>
                    )}
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
