import { formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';

/** `GET /status?format=xlsx`: the Maandoverzicht as a workbook. */
export function monthExportUrl(dvo: string, month: string): string {
  return `/api/dvos/${encodeURIComponent(dvo)}/status?${new URLSearchParams({ period: month, format: 'xlsx' })}`;
}

/**
 * The month as an Excel workbook: every agreement with realisation, norm, status and forecast, for a
 * pivot table or Power BI. A plain download link (the session cookie authenticates it).
 */
export function MonthExport({ dvo, month }: { dvo: string; month: string }) {
  return (
    <p className="month-export">
      <a className="button" href={monthExportUrl(dvo, month)} download aria-describedby="maand-export-uitleg">
        Maandoverzicht {formatPeriodLabel(month)} downloaden (Excel)
      </a>{' '}
      <span id="maand-export-uitleg" className="hint">
        Alle afspraken met realisatie, norm tot nu, status en prognose, met een leeswijzer.
      </span>
    </p>
  );
}
