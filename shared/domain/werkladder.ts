/**
 * The werkladder indicators (Wsw): the stock per step of the ladder and the movements between steps.
 * The validator checks that they balance; the quarter page shows them together.
 */
import type { Indicator } from '../contracts/catalogue.ts';

export const WERKLADDER = { distribution: 'wsw_werkladder_verdeling', movements: 'wsw_werkladder_bewegingen' } as const;

/** `from>to` segments of the werkladder movements: both ends must be steps of the distribution. */
export function movementSegments(indicators: ReadonlyMap<string, Indicator>): string[] {
  const steps = indicators.get(WERKLADDER.distribution)?.segments ?? [];
  return steps.flatMap((from) => steps.filter((to) => to !== from).map((to) => `${from}>${to}`));
}
