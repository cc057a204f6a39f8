import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Indicator } from '../../../../../shared/contracts/catalogue.ts';
import type { CurrentIndicator } from '../../../../../shared/contracts/dvos.ts';
import type { NormEffect, NormVersion } from '../../../../../shared/contracts/norms.ts';
import {
  describeNorm,
  formatDateTime,
  formatPeriodLabel,
  formatSegment,
} from '../../../../../shared/domain/format-nl.ts';
import { STATUS_LABEL } from '../../../../../shared/domain/statuses.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { monthsOfYear } from '../../../lib/period-nav.ts';
import { normEffectQuery, normVersionsQuery, useRecordNormVersion } from '../api.ts';
import { type FieldProblem, fieldsOf, inputsOf, type NormFields, normFromFields } from '../norm-form.ts';

const FIELD_LABEL: Record<keyof NormFields, string> = {
  value: 'Waarde',
  min: 'Ondergrens',
  max: 'Bovengrens',
  factor: 'Factor (deel van de basis)',
  deadline: 'Deadline',
  margin: 'Marge',
};

function marginUnit(unit: Indicator['unit']): string {
  if (unit === 'procent') return 'procentpunt';
  if (unit === 'cijfer') return 'punt';
  return '% van de norm';
}

function normOf(indicator: Indicator, v: Pick<NormVersion, 'norm' | 'margin'>): string {
  // the version table has no catalogue at hand: a relative base reads "de basisafspraak", never a code
  return describeNorm({ ...indicator, norm: v.norm, margin: v.margin }, []);
}

/** The statuses of the year one version changed, month by month. */
export function EffectList({ effect, names }: { effect: NormEffect; names: ReadonlyMap<string, string> }) {
  const first = effect.months[0];
  const last = effect.months.at(-1);
  const span = first && last ? `${formatPeriodLabel(first)} t/m ${formatPeriodLabel(last)}` : 'het jaar';
  if (effect.changes.length === 0)
    return (
      <p>
        Geen enkele status van {span} veranderde door versie {effect.version}.
      </p>
    );
  return (
    <>
      <p>
        Door versie {effect.version} veranderden {effect.changes.length}{' '}
        {effect.changes.length === 1 ? 'status' : 'statussen'} van {span}:
      </p>
      <ul className="norm-effect-list">
        {effect.changes.map((c) => (
          <li key={`${c.period}|${c.indicator}|${c.segment ?? ''}`}>
            {formatPeriodLabel(c.period)}: {names.get(c.indicator) ?? c.indicator}
            {c.segment !== null && ` (${formatSegment(c.segment)})`}: {STATUS_LABEL[c.before]} →{' '}
            <strong>{STATUS_LABEL[c.after]}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}

function EffectOf({
  dvo,
  code,
  version,
  names,
}: {
  dvo: string;
  code: string;
  version: number;
  names: ReadonlyMap<string, string>;
}) {
  const query = useQuery(normEffectQuery(dvo, code, version));
  if (query.isPending) return <p aria-live="polite">Gevolgen worden berekend…</p>;
  if (query.isError) return <p className="message message-error">De gevolgen konden niet worden geladen.</p>;
  return <EffectList effect={query.data} names={names} />;
}

function VersionRow({
  indicator,
  version,
  previous,
  showing,
  onToggle,
  effectId,
}: {
  indicator: Indicator;
  version: NormVersion;
  previous: NormVersion | undefined;
  showing: boolean;
  onToggle: () => void;
  effectId: string;
}) {
  return (
    <tr>
      <th scope="row">{version.version}</th>
      <td>{formatPeriodLabel(version.effectiveFrom)}</td>
      <td>
        {previous && (
          <>
            <span className="norm-old">{normOf(indicator, previous)}</span> →{' '}
          </>
        )}
        <strong>{normOf(indicator, version)}</strong>
      </td>
      <td>
        {version.source.reference}
        {version.provisional ? (
          <span className="badge badge-placeholder"> voorlopig</span>
        ) : (
          <span className="badge badge-definitive"> definitief</span>
        )}
      </td>
      <td>{version.reason}</td>
      <td>
        {version.recordedBy ?? 'catalogus'}, {formatDateTime(version.recordedAt)}
      </td>
      <td>
        {version.version > 1 && (
          <button
            type="button"
            className="button button-small"
            aria-expanded={showing}
            aria-controls={effectId}
            onClick={onToggle}
          >
            {showing ? 'Verberg gevolgen' : 'Wat veranderde'}
            <span className="visually-hidden"> door versie {version.version}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

function NormForm({
  dvo,
  indicator,
  year,
  names,
}: {
  dvo: string;
  indicator: CurrentIndicator;
  year: number;
  names: ReadonlyMap<string, string>;
}) {
  const ids = useId();
  const record = useRecordNormVersion(dvo, indicator.code);
  const [fields, setFields] = useState<NormFields>(() => fieldsOf(indicator));
  const [source, setSource] = useState(indicator.source.reference);
  const [provisional, setProvisional] = useState(indicator.provisional);
  const [effectiveFrom, setEffectiveFrom] = useState(`${year}-01`);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const inputs = inputsOf(indicator.norm);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const built = normFromFields(indicator.norm, indicator.unit, fields);
    const local: FieldProblem[] = 'problems' in built ? [...built.problems] : [];
    if (reason.trim() === '')
      local.push({ field: 'reason' as keyof NormFields, message: 'Geef een reden voor de wijziging.' });
    setProblems(local);
    if (local.length > 0 || 'problems' in built) return;
    record.mutate({ norm: built.norm, source, provisional, effectiveFrom, reason: reason.trim() });
  }

  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const serverError = record.error instanceof ApiError ? record.error : null;

  return (
    <form className="norm-form" onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-kop`}>
      <h4 id={`${ids}-kop`}>Nieuwe versie van de norm</h4>
      {inputs.length === 0 && (
        <p className="hint">Deze afspraak heeft geen getalsnorm; u kunt de bron en de status vastleggen.</p>
      )}
      <div className="norm-form-row">
        {inputs.map((field) => {
          const problem = problemOf(field);
          return (
            <div className="field" key={field}>
              <label htmlFor={`${ids}-${field}`}>
                {FIELD_LABEL[field]}
                {field === 'margin' && ` (${marginUnit(indicator.unit)})`}
              </label>
              <input
                id={`${ids}-${field}`}
                type={field === 'deadline' ? 'date' : 'text'}
                inputMode={field === 'deadline' ? undefined : 'decimal'}
                value={fields[field]}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${ids}-${field}-fout` : undefined}
                onChange={(e) => setFields({ ...fields, [field]: e.target.value })}
              />
              {problem && (
                <p id={`${ids}-${field}-fout`} className="field-error">
                  {problem.message}
                </p>
              )}
            </div>
          );
        })}
        <div className="field">
          <label htmlFor={`${ids}-vanaf`}>Geldt vanaf</label>
          <select id={`${ids}-vanaf`} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)}>
            {monthsOfYear(year).map((m) => (
              <option key={m} value={m}>
                {formatPeriodLabel(m)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-bron`}>Bron van de norm</label>
        <input id={`${ids}-bron`} type="text" value={source} onChange={(e) => setSource(e.target.value)} />
      </div>
      <fieldset className="norm-form-status">
        <legend>Status van de norm</legend>
        <label>
          <input type="radio" name={`${ids}-status`} checked={provisional} onChange={() => setProvisional(true)} />{' '}
          voorlopig (bijvoorbeeld een benchmark die nog niet is gepubliceerd)
        </label>
        <label>
          <input type="radio" name={`${ids}-status`} checked={!provisional} onChange={() => setProvisional(false)} />{' '}
          definitief
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-reden`}>Reden van de wijziging (verplicht)</label>
        <textarea
          id={`${ids}-reden`}
          rows={2}
          value={reason}
          required
          aria-invalid={problemOf('reason') ? true : undefined}
          aria-describedby={problemOf('reason') ? `${ids}-reden-fout` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {problemOf('reason') && (
          <p id={`${ids}-reden-fout`} className="field-error">
            {problemOf('reason')?.message}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={record.isPending}>
        {record.isPending ? 'Bezig met vastleggen…' : 'Nieuwe versie vastleggen'}
      </button>
      <div aria-live="polite">
        {serverError && (
          <div className="message message-error" role="alert">
            <p>{serverError.message}</p>
            {serverError.details.length > 0 && (
              <ul>
                {serverError.details.map((d) => (
                  <li key={`${d.column}|${d.message}`}>{d.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {record.isSuccess && (
          <div className="message message-success norm-effect">
            <p>
              <strong>
                Versie {record.data.version} vastgelegd ({record.data.provisional ? 'voorlopig' : 'definitief'}, geldt
                vanaf {formatPeriodLabel(record.data.effectiveFrom)}).
              </strong>
            </p>
            <EffectList effect={record.data.effect} names={names} />
          </div>
        )}
      </div>
    </form>
  );
}

/**
 * One agreement's norm over time: every version (who, when, why, old → new, what it changed) for
 * everyone; a beheerder or opdrachtgever records a new version below it.
 */
export function NormPanel({
  dvo,
  indicator,
  year,
  canEdit,
  names,
}: {
  dvo: string;
  indicator: CurrentIndicator;
  year: number;
  canEdit: boolean;
  names: ReadonlyMap<string, string>;
}) {
  const query = useQuery(normVersionsQuery(dvo, indicator.code));
  const headingId = useId();
  const effectId = `${headingId}-gevolgen`;
  const [effectOf, setEffectOf] = useState<number | null>(null);
  return (
    <section className="norm-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Versies van de norm: {indicator.name}</h3>
      {query.isPending && <p aria-live="polite">Versies worden geladen…</p>}
      {query.isError && <p className="message message-error">De versies konden niet worden geladen.</p>}
      {query.data && (
        <div className="table-scroll">
          <table className="data-table norm-history">
            <thead>
              <tr>
                <th scope="col">Versie</th>
                <th scope="col">Geldt vanaf</th>
                <th scope="col">Norm (oud → nieuw)</th>
                <th scope="col">Bron</th>
                <th scope="col">Reden</th>
                <th scope="col">Vastgelegd door, op</th>
                <th scope="col">Gevolgen</th>
              </tr>
            </thead>
            <tbody>
              {query.data.versions.map((v, i) => (
                <VersionRow
                  key={v.version}
                  indicator={indicator}
                  version={v}
                  previous={query.data.versions[i + 1]}
                  showing={effectOf === v.version}
                  onToggle={() => setEffectOf(effectOf === v.version ? null : v.version)}
                  effectId={effectId}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div id={effectId} aria-live="polite">
        {effectOf !== null && (
          <div className="message norm-effect-of">
            <EffectOf dvo={dvo} code={indicator.code} version={effectOf} names={names} />
          </div>
        )}
      </div>
      {canEdit && <NormForm dvo={dvo} indicator={indicator} year={year} names={names} />}
    </section>
  );
}
