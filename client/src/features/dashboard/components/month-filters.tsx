import type { Status } from '../../../../../shared/contracts/status.ts';
import { STATUS_LABEL } from '../../../components/ui/status-badge.tsx';
import {
  type AgreementSort,
  hasFilters,
  type MonthFilters,
  NO_FILTERS,
  STATUSES,
} from '../chart-data/month-overview.ts';

const SORT_LABEL: Record<AgreementSort, string> = {
  cijfers: 'Met cijfers',
  kwalitatief: 'Kwalitatief',
  mijlpaal: 'Mijlpalen',
};

interface Props {
  filters: MonthFilters;
  chapters: readonly string[];
  onChange: (filters: MonthFilters) => void;
}

/** Filter by status and chapter; the choice lives in the URL so a filtered screen can be shared. */
export function MonthFiltersForm({ filters, chapters, onChange }: Props) {
  const toggle = (status: Status, on: boolean) =>
    onChange({
      ...filters,
      statuses: STATUSES.filter((s) => (s === status ? on : filters.statuses.includes(s))),
    });
  return (
    <form className="filters card" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Status</legend>
        <div className="filter-options">
          {STATUSES.map((status) => (
            <label key={status} className="check">
              <input
                type="checkbox"
                name="status"
                value={status}
                checked={filters.statuses.includes(status)}
                onChange={(e) => toggle(status, e.target.checked)}
              />
              {status === 'qualitative' ? 'kwalitatief zonder status' : STATUS_LABEL[status]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field field-inline">
        <label htmlFor="filter-hoofdstuk">Hoofdstuk</label>
        <select
          id="filter-hoofdstuk"
          value={filters.chapter ?? ''}
          onChange={(e) => onChange({ ...filters, chapter: e.target.value || null })}
        >
          <option value="">Alle hoofdstukken</option>
          {chapters.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-soort">Soort afspraak</label>
        <select
          id="filter-soort"
          value={filters.sort ?? ''}
          onChange={(e) => onChange({ ...filters, sort: (e.target.value || null) as AgreementSort | null })}
        >
          <option value="">Alle soorten</option>
          {(Object.keys(SORT_LABEL) as AgreementSort[]).map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          name="programmabegroting"
          checked={Boolean(filters.programmabegroting)}
          onChange={(e) => onChange({ ...filters, programmabegroting: e.target.checked })}
        />
        Alleen programmabegroting (<abbr title="in de DVO gemarkeerd met een sterretje">*</abbr>)
      </label>
      {hasFilters(filters) && (
        <button type="button" className="button" onClick={() => onChange(NO_FILTERS)}>
          Filters wissen
        </button>
      )}
    </form>
  );
}
