import type { Unit } from '../../../../shared/contracts/catalogue.ts';
import type { FigureNumbers, ImportResult } from '../../../../shared/contracts/figures.ts';
import { formatExactValue, formatNumber, formatPercent } from '../../../../shared/domain/format-nl.ts';

export const ACTION_LABEL: Record<ImportResult['preview'][number]['action'], string> = {
  create: 'nieuw',
  change: 'wijziging',
  unchanged: 'ongewijzigd',
};

/** A delivered figure as the team leader typed it: "12", "€ 81.250,50", "30 / 39 (76,9%)"; "–" for a toelichting only. */
export function formatDelivered(figure: FigureNumbers, unit: Unit | null): string {
  if (figure.value !== null) return formatExactValue(figure.value, unit);
  if (figure.numerator !== null && figure.denominator !== null) {
    const share = figure.denominator > 0 ? ` (${formatPercent((100 * figure.numerator) / figure.denominator)})` : '';
    return `${formatNumber(figure.numerator, 10)} / ${formatNumber(figure.denominator, 10)}${share}`;
  }
  return '–';
}
