import { Link } from 'react-router';
import type { DeviationRow } from '../../../../../shared/contracts/deviations.ts';
import { STATE_LABEL } from '../../../../../shared/domain/deviation-workflow.ts';
import { formatDate } from '../../../../../shared/domain/format-nl.ts';
import { threadLinkPath, threadPath } from '../links.ts';

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

/**
 * On a row that is a deviation: one click to its thread, saying in words (not colour) whether the
 * werkbedrijf has given a toelichting and a maatregel has been recorded yet:
 * "Toelichting ✓" / "Maatregel ontbreekt", one under the other. Nothing while the list is loading or when the row has no
 * thread. A router Link: the month table's click handler leaves a click it has handled alone.
 */
export function ThreadLink({
  dvo,
  period,
  thread,
  name,
}: {
  dvo: string;
  /** The month or quarter the screen is about, for the way back from the thread. */
  period: string;
  thread: DeviationRow | undefined;
  /** The agreement (and segment) as the screen names it, for screen readers. */
  name: string;
}) {
  if (!thread || thread.deviationId === null) return null;
  const part = (label: string, present: boolean) => (
    <span className={present ? 'thread-part thread-part-done' : 'thread-part thread-part-missing'}>
      {label}{' '}
      {present ? (
        <>
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden">gegeven</span>
        </>
      ) : (
        'ontbreekt'
      )}
    </span>
  );
  return (
    <Link to={threadLinkPath(dvo, thread.deviationId, period)} className="thread-link">
      <span className="visually-hidden">Afwijking {name} openen: </span>
      {part('Toelichting', thread.toelichting !== null)}
      <span className="visually-hidden">, </span>
      {part('Maatregel', thread.maatregel !== null)}
    </Link>
  );
}
