import { useId } from 'react';
import { periodOptions } from '../overleg-text.ts';

/** A quarter (for the kwartaaloverleg) or a month (for the voortgangsbespreking) of the DVO year. */
export function PeriodPicker({
  year,
  value,
  onChange,
  label = 'Periode',
}: {
  year: number;
  value: string;
  onChange: (period: string) => void;
  label?: string;
}) {
  const id = useId();
  const { quarters, months } = periodOptions(year);
  return (
    <div className="field overleg-period">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="overleg-period-select" value={value} onChange={(e) => onChange(e.target.value)}>
        <optgroup label="Kwartaal (stand aan het eind)">
          {quarters.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Maand">
          {months.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
