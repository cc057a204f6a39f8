import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import type { Indicator } from '../../../../shared/contracts/catalogue.ts';
import { describeNorm, formatSegment, formatValue, frequencyLabel } from '../../../../shared/domain/format-nl.ts';
import { PanelState } from '../../components/ui/panel-state.tsx';
import { indicatorsQuery } from './api.ts';

const KIND_LABEL: Record<Indicator['kind'], string> = {
  flow: 'aantal per periode',
  stock: 'stand',
  ratio: 'percentage',
  score: 'cijfer',
  qualitative: 'kwalitatief',
  milestone: 'mijlpaal',
};

function NormSource({ indicator }: { indicator: Indicator }) {
  const { source, norm } = indicator;
  const parameter = norm.basis === 'relative' && 'baseParameter' in norm ? norm.baseParameter : null;
  return (
    <>
      {source.reference}
      {source.placeholder && <span className="badge badge-placeholder"> voorlopige waarde</span>}
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

/** Every agreement of the DVO by chapter, with its norm and where the norm comes from. */
export default function CataloguePage() {
  const { dvo = '' } = useParams();
  const query = useQuery(indicatorsQuery(dvo));
  const [searchParams, setSearchParams] = useSearchParams();
  const onlyProgrammabegroting = searchParams.get('programmabegroting') === '1';
  const setOnlyProgrammabegroting = (on: boolean) => {
    const next = new URLSearchParams(searchParams);
    if (on) next.set('programmabegroting', '1');
    else next.delete('programmabegroting');
    setSearchParams(next, { replace: true });
  };

  return (
    <>
      <h1>Afspraken {query.data ? `– ${query.data.dvo.name}` : ''}</h1>
      <PanelState query={query} label="de afspraken">
        {(data) => (
          <>
            <p className="lead">
              {data.dvo.opdrachtgever.name} (opdrachtgever) en {data.dvo.opdrachtnemer.name} (opdrachtnemer),{' '}
              {data.indicators.length} afspraken in {data.dvo.chapters.length} hoofdstukken.
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
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((indicator) => (
                          <tr key={indicator.code}>
                            <td>{indicator.article}</td>
                            <th scope="row">
                              {indicator.name}
                              {indicator.programmabegroting && (
                                <span className="badge badge-programmabegroting">programmabegroting</span>
                              )}
                              <span className="code">{indicator.code}</span>
                            </th>
                            <td>{KIND_LABEL[indicator.kind]}</td>
                            <td>{frequencyLabel(indicator)}</td>
                            <td>{describeNorm(indicator)}</td>
                            <td>
                              <NormSource indicator={indicator} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              );
            })}
          </>
        )}
      </PanelState>
    </>
  );
}
