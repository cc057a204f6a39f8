import type { DeviationEvent } from '../../../../../shared/contracts/deviations.ts';
import { formatDateTime } from '../../../../../shared/domain/format-nl.ts';
import { describeEvent } from '../overleg-text.ts';

/** Who did what when, oldest first, as the conversation went; the system records openings itself. */
export function ThreadHistory({ history }: { history: readonly DeviationEvent[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table overleg-history">
        <caption className="visually-hidden">Geschiedenis van deze afwijking, oudste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Wanneer</th>
            <th scope="col">Wie</th>
            <th scope="col">Wat</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => {
            const { what, detail } = describeEvent(event);
            return (
              <tr key={event.id}>
                <th scope="row" className="overleg-nowrap">
                  {formatDateTime(event.at)}
                </th>
                <td>{event.by ?? <span className="muted">systeem</span>}</td>
                <td>
                  <span className="overleg-event-what">{what}</span>
                  {detail && <span className="overleg-text overleg-event-detail">{detail}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
