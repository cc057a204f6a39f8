import { Link } from 'react-router';
import type { DeviationRow } from '../../../../../shared/contracts/deviations.ts';
import { STATE_LABEL } from '../../../../../shared/domain/deviation-workflow.ts';
import { formatDate } from '../../../../../shared/domain/format-nl.ts';
import { threadPath } from '../links.ts';

/**
 * A deviation's thread as the Kwartaaloverleg shows it beside the figures: the opdrachtnemer's
 * toelichting, the maatregel with its eigenaar and deadline, and the state; one click to the thread,
 * where they are written.
 */
export function ThreadSummary({ dvo, thread }: { dvo: string; thread: DeviationRow | undefined }) {
  if (!thread || thread.deviationId === null) {
    return <p className="muted">Voor deze afwijking is nog geen draad geopend.</p>;
  }
  const { maatregel } = thread;
  return (
    <div className="thread-summary">
      <h4>Toelichting</h4>
      {thread.toelichting ? (
        <p className="prewrap">{thread.toelichting}</p>
      ) : (
        <p className="muted">Nog geen toelichting van de opdrachtnemer.</p>
      )}
      <h4>Maatregel</h4>
      {maatregel ? (
        <>
          <p className="prewrap">{maatregel.text}</p>
          <dl className="facts">
            <div>
              <dt>Eigenaar</dt>
              <dd>{maatregel.owner ?? 'niet genoemd'}</dd>
            </div>
            <div>
              <dt>Deadline</dt>
              <dd>{maatregel.deadline ? formatDate(maatregel.deadline) : 'geen'}</dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="muted">Nog geen maatregel afgesproken.</p>
      )}
      <p>
        Stand: <strong>{thread.state ? STATE_LABEL[thread.state] : '–'}</strong>.{' '}
        <Link className="no-print" to={threadPath(dvo, thread.deviationId)}>
          Open de afwijking om toelichting of maatregel vast te leggen
        </Link>
      </p>
    </div>
  );
}
