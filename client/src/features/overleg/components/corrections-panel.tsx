import type { Correction } from '../../../../../shared/contracts/deviations.ts';
import { buildCorrectionLines } from '../../../../../shared/domain/deviation-report.ts';

/** Figures of a vastgestelde period changed after it was reopened: old, new, who, why, effect. */
export function CorrectionsPanel({
  corrections,
  intro,
  id = 'overleg-correcties',
  title = 'Correcties na vaststelling',
}: {
  corrections: readonly Correction[];
  intro: string;
  id?: string;
  title?: string;
}) {
  if (corrections.length === 0) return null;
  const lines = buildCorrectionLines(corrections);
  return (
    <section aria-labelledby={id} className="card overleg-corrections">
      <h2 id={id}>{title}</h2>
      <p className="hint">{intro}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Afspraak</th>
              <th scope="col">Periode</th>
              <th scope="col" className="num">
                Oud
              </th>
              <th scope="col" className="num">
                Nieuw
              </th>
              <th scope="col">Gewijzigd</th>
              <th scope="col">Toelichting</th>
              <th scope="col">Heropend</th>
              <th scope="col">Effect</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              // a figure can be corrected twice; the order is the server's
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for this response
              <tr key={i}>
                <th scope="row">{line.subject}</th>
                <td>{line.period}</td>
                <td className="num">{line.oldText}</td>
                <td className="num">{line.newText}</td>
                <td>
                  {line.changedBy}, {line.changedAt}
                </td>
                <td className="overleg-text">{line.comment || '–'}</td>
                <td className="overleg-text">{line.reopened || '–'}</td>
                <td>{line.effect}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
