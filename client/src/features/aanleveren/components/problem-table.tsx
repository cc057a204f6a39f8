import type { ApiErrorDetail } from '../../../lib/api-client.ts';

/** Every problem of a delivery, with the row number as Excel shows it and the column as in the file. */
export function ProblemTable({ problems, caption }: { problems: readonly ApiErrorDetail[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table delivery-problems">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Rij
            </th>
            <th scope="col">Kolom</th>
            <th scope="col">Melding</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, i) => (
            // a file can hold the same message twice on one row; the position keeps the keys apart
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
            <tr key={i}>
              <td className="num">{problem.row ?? '–'}</td>
              <td>{problem.column ?? '–'}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
