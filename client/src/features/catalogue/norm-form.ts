import type { Indicator, Norm } from '../../../../shared/contracts/catalogue.ts';

/** The editable values of a norm as the form holds them: text, as the user typed it (decimal comma). */
export interface NormFields {
  value: string;
  min: string;
  max: string;
  factor: string;
  deadline: string;
  margin: string;
}

const dutch = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

/** The form's starting values: the current norm, the margin in the unit the user reads it in (% for counts). */
export function fieldsOf(indicator: Pick<Indicator, 'norm' | 'margin' | 'unit'>): NormFields {
  const norm = indicator.norm;
  const relativeMargin = indicator.unit !== 'procent' && indicator.unit !== 'cijfer';
  const margin =
    indicator.margin === null ? '' : dutch(relativeMargin ? round(indicator.margin * 100) : indicator.margin);
  return {
    value: 'value' in norm ? dutch(norm.value) : '',
    min: norm.basis === 'period' && norm.kind === 'range' ? dutch(norm.min) : '',
    max: norm.basis === 'period' && norm.kind === 'range' ? dutch(norm.max) : '',
    factor: norm.basis === 'relative' ? dutch(round(norm.factor)) : '',
    deadline: norm.basis === 'deadline' ? (norm.deadline ?? '') : '',
    margin,
  };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** "1.234,5" or "1234.5" → 1234.5; null when it is not a number. */
export function parseDutchNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return null;
  const normalised = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/** Which inputs a norm of this form has. */
export function inputsOf(norm: Norm): ('value' | 'min' | 'max' | 'factor' | 'deadline' | 'margin')[] {
  switch (norm.basis) {
    case 'annual':
      return ['value', 'margin'];
    case 'period':
      return norm.kind === 'range' ? ['min', 'max', 'margin'] : ['value', 'margin'];
    case 'relative':
      return ['factor', 'margin'];
    case 'deadline':
      return ['deadline'];
    case 'budget':
      return ['value'];
    case 'none':
      return [];
  }
}

export interface FieldProblem {
  field: keyof NormFields;
  message: string;
}

/**
 * The norm (with its margin, as the API takes it) that the form describes: the current norm's form
 * with the values typed in. Problems name the field, in Dutch.
 */
export function normFromFields(
  current: Norm,
  unit: Indicator['unit'],
  fields: NormFields,
): { norm: Record<string, unknown> } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const number = (field: keyof NormFields, label: string) => {
    const n = parseDutchNumber(fields[field]);
    if (n === null) problems.push({ field, message: `Vul bij ${label} een getal in, bijvoorbeeld 13,5.` });
    return n ?? 0;
  };
  const inputs = inputsOf(current);
  let margin: number | undefined;
  if (inputs.includes('margin')) {
    const m = number('margin', 'marge');
    const relativeMargin = unit !== 'procent' && unit !== 'cijfer';
    margin = relativeMargin ? m / 100 : m;
    if (m < 0) problems.push({ field: 'margin', message: 'De marge is 0 of meer.' });
  }
  let norm: Record<string, unknown>;
  switch (current.basis) {
    case 'annual':
      norm = { ...current, value: number('value', 'waarde') };
      break;
    case 'period':
      norm =
        current.kind === 'range'
          ? { ...current, min: number('min', 'ondergrens'), max: number('max', 'bovengrens') }
          : { ...current, value: number('value', 'waarde') };
      break;
    case 'relative':
      norm = { ...current, factor: number('factor', 'factor') };
      break;
    case 'deadline':
      norm = { ...current, deadline: fields.deadline.trim() === '' ? null : fields.deadline.trim() };
      break;
    case 'budget':
      norm = { ...current, value: number('value', 'budget') };
      break;
    case 'none':
      norm = { ...current };
      break;
  }
  if (problems.length > 0) return { problems };
  return { norm: margin === undefined ? norm : { ...norm, margin } };
}
