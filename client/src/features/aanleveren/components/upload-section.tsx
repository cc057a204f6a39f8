import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportResult } from '../../../../../shared/contracts/figures.ts';
import { formatNumber, formatPeriodLabel, formatSegment } from '../../../../../shared/domain/format-nl.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { invalidateAfterDelivery, uploadDelivery } from '../api.ts';
import { ACTION_LABEL, formatDelivered } from '../figure-text.ts';
import { type IndicatorLookup, IndicatorName } from './indicator-name.tsx';
import { ProblemTable } from './problem-table.tsx';

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; file: File; dryRun: boolean; progress: number }
  | { kind: 'preview'; file: File; result: ImportResult }
  | { kind: 'rejected'; file: File; dryRun: boolean; error: ApiError }
  | { kind: 'saved'; file: File; result: ImportResult };

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Choose a file → dry run with upload progress → preview or every problem → confirm (the same file
 * again, now stored) or cancel. Nothing is stored before "Bevestigen en opslaan".
 */
export function UploadSection({ dvo, indicators }: { dvo: string; indicators: IndicatorLookup }) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const ids = useId();

  useEffect(() => () => abortRef.current?.abort(), []);

  // a screen reader user hears the outcome first, and the keyboard continues from there
  useEffect(() => {
    if (phase.kind === 'preview' || phase.kind === 'rejected' || phase.kind === 'saved') headingRef.current?.focus();
  }, [phase.kind]);

  async function send(file: File, dryRun: boolean) {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ kind: 'sending', file, dryRun, progress: 0 });
    try {
      const result = await uploadDelivery(dvo, file, {
        dryRun,
        signal: controller.signal,
        onProgress: (progress) => setPhase((p) => (p.kind === 'sending' && p.file === file ? { ...p, progress } : p)),
      });
      if (dryRun) {
        setPhase({ kind: 'preview', file, result });
      } else {
        setPhase({ kind: 'saved', file, result });
        void invalidateAfterDelivery(queryClient, dvo);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      const apiError =
        error instanceof ApiError ? error : new ApiError(0, 'internal', 'Er ging iets mis bij het versturen.');
      setPhase({ kind: 'rejected', file, dryRun, error: apiError });
    }
  }

  function cancel() {
    abortRef.current?.abort();
    setPhase({ kind: 'idle' });
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  }

  const inputId = `${ids}-bestand`;
  const hintId = `${ids}-hint`;
  const headingId = `${ids}-resultaat`;

  return (
    <section aria-labelledby={`${ids}-kop`} className="card">
      <h2 id={`${ids}-kop`}>2. Bestand controleren en opslaan</h2>
      <div className="field delivery-file">
        <label htmlFor={inputId}>Ingevuld sjabloon (CSV of Excel)</label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={ACCEPT}
          aria-describedby={hintId}
          // cleared on click, so choosing the same file again after correcting it is noticed
          onClick={(e) => {
            e.currentTarget.value = '';
          }}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void send(file, true);
          }}
        />
        <p id={hintId} className="hint">
          Het bestand wordt eerst alleen gecontroleerd. U ziet wat er verandert en bevestigt daarna zelf het opslaan.
        </p>
      </div>

      {phase.kind === 'sending' && <Progress phase={phase} progressId={`${ids}-voortgang`} onCancel={cancel} />}

      {phase.kind === 'preview' && (
        <section aria-labelledby={headingId} className="delivery-result">
          <h3 id={headingId} ref={headingRef} tabIndex={-1}>
            Controle van {phase.file.name}
          </h3>
          <p role="status" className="message delivery-message-info">
            {phase.result.message}
          </p>
          <Counts result={phase.result} />
          <Warnings result={phase.result} fileName={phase.file.name} />
          <PreviewTable result={phase.result} indicators={indicators} fileName={phase.file.name} />
          <div className="delivery-actions">
            {phase.result.created + phase.result.changed > 0 ? (
              <button type="button" className="button button-primary" onClick={() => void send(phase.file, false)}>
                Bevestigen en opslaan
              </button>
            ) : (
              <p className="hint">Er is niets op te slaan: alle cijfers staan er al zo in.</p>
            )}
            <button type="button" className="button" onClick={cancel}>
              Annuleren
            </button>
          </div>
        </section>
      )}

      {phase.kind === 'rejected' && (
        <section aria-labelledby={headingId} className="delivery-result">
          <h3 id={headingId} ref={headingRef} tabIndex={-1}>
            {phase.file.name} is {phase.dryRun ? 'afgekeurd' : 'niet opgeslagen'}
          </h3>
          <div role="alert" className="message message-error">
            {/* the server's refusal says that nothing was stored; a failure on the way (no answer) says what happened */}
            <p>{phase.error.message}</p>
            {phase.error.details.length > 0 && (
              <p>
                Hieronder staat elk probleem met het rijnummer zoals Excel het toont. Pas het bestand aan en kies het
                opnieuw.
              </p>
            )}
          </div>
          {phase.error.details.length > 0 && (
            <ProblemTable problems={phase.error.details} caption={`Problemen in ${phase.file.name}`} />
          )}
          <div className="delivery-actions">
            <button type="button" className="button" onClick={cancel}>
              Opnieuw beginnen
            </button>
          </div>
        </section>
      )}

      {phase.kind === 'saved' && (
        <section aria-labelledby={headingId} className="delivery-result">
          <h3 id={headingId} ref={headingRef} tabIndex={-1}>
            {phase.result.importId === null ? 'Niets gewijzigd' : 'Opgeslagen'}
          </h3>
          <p role="status" className="message delivery-message-success">
            {phase.result.message}
          </p>
          <Warnings result={phase.result} fileName={phase.file.name} />
          <p>
            De levering staat nu bovenaan bij <a href="#eerdere-leveringen">Eerdere leveringen</a>. Een volgend bestand
            kiest u hierboven.
          </p>
        </section>
      )}
    </section>
  );
}

function Progress({
  phase,
  progressId,
  onCancel,
}: {
  phase: Extract<Phase, { kind: 'sending' }>;
  progressId: string;
  onCancel: () => void;
}) {
  const percent = Math.round(phase.progress * 100);
  const label = phase.dryRun ? `${phase.file.name} versturen ter controle` : `${phase.file.name} opslaan`;
  return (
    <div className="delivery-progress">
      <label htmlFor={progressId}>{label}</label>
      <div className="delivery-progress-bar">
        <progress id={progressId} max={100} value={percent}>
          {percent}%
        </progress>
        <span aria-hidden="true">{percent}%</span>
      </div>
      <p role="status" className="hint">
        {phase.progress < 1 ? 'Bezig met versturen…' : 'Verstuurd. De server controleert het bestand…'}
      </p>
      <button type="button" className="button" onClick={onCancel}>
        Annuleren
      </button>
    </div>
  );
}

function Counts({ result }: { result: ImportResult }) {
  const items: [string, number][] = [
    ['nieuw', result.created],
    ['gewijzigd', result.changed],
    ['ongewijzigd', result.unchanged],
    ['overgeslagen (lege regels)', result.skipped],
  ];
  return (
    <ul className="delivery-counts" aria-label="Aantallen">
      {items.map(([label, n]) => (
        <li key={label}>
          <span className="delivery-count">{formatNumber(n, 0)}</span> {label}
        </li>
      ))}
    </ul>
  );
}

function Warnings({ result, fileName }: { result: ImportResult; fileName: string }) {
  if (result.warnings.length === 0) return null;
  return (
    <div className="delivery-warnings">
      <h4>Waarschuwingen ({formatNumber(result.warnings.length, 0)})</h4>
      <p className="hint">
        Waarschuwingen houden het opslaan niet tegen. Kijk of de cijfers kloppen; zo ja, dan kunt u gewoon opslaan.
      </p>
      <ProblemTable problems={result.warnings} caption={`Waarschuwingen bij ${fileName}`} />
    </div>
  );
}

function PreviewTable({
  result,
  indicators,
  fileName,
}: {
  result: ImportResult;
  indicators: IndicatorLookup;
  fileName: string;
}) {
  if (result.preview.length === 0) return null;
  const cut = result.preview.length < result.rows;
  return (
    <div className="table-scroll">
      <table className="data-table delivery-preview">
        <caption>
          Wat er met elke ingevulde regel van {fileName} gebeurt
          {cut && ` (de eerste ${formatNumber(result.preview.length, 0)} van ${formatNumber(result.rows, 0)})`}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Rij
            </th>
            <th scope="col">Indicator</th>
            <th scope="col">Periode</th>
            <th scope="col">Segment</th>
            <th scope="col" className="num">
              Nieuwe waarde
            </th>
            <th scope="col" className="num">
              Vorige waarde
            </th>
            <th scope="col">Actie</th>
          </tr>
        </thead>
        <tbody>
          {result.preview.map((row) => {
            const unit = indicators.get(row.indicator)?.unit ?? null;
            return (
              <tr key={`${row.indicator}|${row.period}|${row.segment ?? ''}`}>
                <td className="num">{row.row ?? '–'}</td>
                <th scope="row">
                  <IndicatorName code={row.indicator} indicators={indicators} />
                </th>
                <td>{formatPeriodLabel(row.period)}</td>
                <td>{formatSegment(row.segment)}</td>
                <td className="num">{formatDelivered(row, unit)}</td>
                <td className="num">
                  {formatDelivered({ value: row.previous, numerator: null, denominator: null }, unit)}
                </td>
                <td>
                  <span className={`delivery-action delivery-action-${row.action}`}>{ACTION_LABEL[row.action]}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
