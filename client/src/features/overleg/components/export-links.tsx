import type { ExportFormat } from '../api.ts';

const FORMATS: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'pdf', label: 'PDF', hint: 'A4, om te lezen of te printen' },
  { format: 'xlsx', label: 'Excel (xlsx)', hint: 'met getallen om mee te rekenen' },
  { format: 'docx', label: 'Word (docx)', hint: 'om verder te bewerken' },
  { format: 'csv', label: 'CSV', hint: 'voor Nederlandse Excel' },
];

/**
 * The list as a file for the bestuurlijk overleg: plain download links (the session cookie
 * authenticates them), so they work without JavaScript and open in the browser's own download flow.
 */
export function ExportLinks({ urlFor, what }: { urlFor: (format: ExportFormat) => string; what: string }) {
  return (
    <section className="overleg-export" aria-labelledby="overleg-export-kop">
      <h2 id="overleg-export-kop" className="overleg-export-title">
        Exporteren
      </h2>
      <p className="hint overleg-export-what">{what}</p>
      <ul className="overleg-export-list">
        {FORMATS.map(({ format, label, hint }) => (
          <li key={format}>
            <a className="button" href={urlFor(format)} download aria-describedby={`overleg-export-${format}`}>
              {label}
            </a>
            <span id={`overleg-export-${format}`} className="visually-hidden">
              {hint}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
