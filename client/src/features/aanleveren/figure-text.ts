import type { Unit } from '../../../../shared/contracts/catalogue.ts';
import type { FigureNumbers, ImportResult } from '../../../../shared/contracts/figures.ts';
import { formatNumber, formatPercent, formatValue } from '../../../../shared/domain/format-nl.ts';

export const ACTION_LABEL: Record<ImportResult['preview'][number]['action'], string> = {
  create: 'nieuw',
  change: 'wijziging',
  unchanged: 'ongewijzigd',
};

/** A delivered figure as the team leader typed it: "12", "30 / 39 (76,9%)"; "–" for a toelichting only. */
export function formatDelivered(figure: FigureNumbers, unit: Unit | null): string {
  if (figure.value !== null) return formatValue(figure.value, unit);
  if (figure.numerator !== null && figure.denominator !== null) {
    const share = figure.denominator > 0 ? ` (${formatPercent((100 * figure.numerator) / figure.denominator)})` : '';
    return `${formatNumber(figure.numerator, 2)} / ${formatNumber(figure.denominator, 2)}${share}`;
  }
  return '–';
}
