import { formatPeriodLabel } from '../../../../../shared/domain/format-nl.ts';

/** `GET /figures?format=xlsx`: the delivered figures of a span of periods as a workbook. */
export function figuresExportUrl(dvo: string, span: { from: string; to: string }): string {
  return `/api/dvos/${encodeURIComponent(dvo)}/figures?${new URLSearchParams({ ...span, format: 'xlsx' })}`;
}

/**
 * The delivered figures as an Excel workbook, one line per delivery (revision) with segment, who and
 * when: of the chosen month (with the quarter and year it falls in) or of the whole year.
 */
export function FiguresExport({ dvo, year, month }: { dvo: string; year: number; month: string }) {
  return (
    <section aria-labelledby="cijfers-export-kop" className="card">
      <h2 id="cijfers-export-kop">Geleverde cijfers downloaden</h2>
      <p className="hint">
        Eén regel per levering, met segment, revisie en wie het wanneer leverde: voor een draaitabel in Excel of Power
        BI. Bij een maand horen ook de kwartaal- en jaarcijfers waar die maand in valt.
      </p>
      <ul className="delivery-downloads">
        <li>
          <a className="button" href={figuresExportUrl(dvo, { from: month, to: month })} download>
            Cijfers {formatPeriodLabel(month)} (Excel)
          </a>
        </li>
        <li>
          <a className="button" href={figuresExportUrl(dvo, { from: String(year), to: String(year) })} download>
            Alle cijfers {year} (Excel)
          </a>
        </li>
      </ul>
    </section>
  );
}
