import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { Indicator } from '../../../../shared/contracts/catalogue.ts';
import { articleLabel, describeNorm, FREQUENCY_LABEL } from '../../../../shared/domain/format-nl.ts';
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
  const { source } = indicator;
  return (
    <>
      {source.reference}
      {source.placeholder && <span className="badge badge-placeholder"> voorlopige waarde</span>}
      {source.note && <span className="source-note"> {source.note}</span>}
    </>
  );
}

/** Every agreement of the DVO by chapter, with its norm and where the norm comes from. */
export default function CataloguePage() {
  const { dvo = '' } = useParams();
  const query = useQuery(indicatorsQuery(dvo));

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
            {data.dvo.chapters.map((chapter) => {
              const rows = data.indicators.filter((i) => i.chapter === chapter);
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
                            <td>{articleLabel(indicator.article)}</td>
                            <th scope="row">
                              {indicator.name}
                              <span className="code">{indicator.code}</span>
                            </th>
                            <td>{KIND_LABEL[indicator.kind]}</td>
                            <td>{FREQUENCY_LABEL[indicator.frequency]}</td>
                            <td>{describeNorm(indicator, data.indicators)}</td>
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
