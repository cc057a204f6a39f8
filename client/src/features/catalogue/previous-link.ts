import type { Indicator, PreviousAgreement } from '../../../../shared/contracts/catalogue.ts';
import type { DvoSummary } from '../../../../shared/contracts/dvos.ts';

/** The value of the "geen" choice: the agreement is new, it has no predecessor (decision 0026). */
export const NO_PREVIOUS = '';

/**
 * Whose agreements the Afspraken screen offers as last year's: the DVO of the year before between
 * the same organisations, else the DVO the links of this DVO name most (a catalogue imported with
 * links to another pair). Null when there is nothing to link to: the column is left out then.
 */
export function linkableDvo(
  current: DvoSummary,
  indicators: readonly Pick<Indicator, 'previous'>[],
  visible: readonly DvoSummary[],
): DvoSummary | null {
  const sameParties = visible.find(
    (d) =>
      d.year === current.year - 1 &&
      d.opdrachtgever.slug === current.opdrachtgever.slug &&
      d.opdrachtnemer.slug === current.opdrachtnemer.slug,
  );
  if (sameParties) return sameParties;
  const counts = new Map<string, number>();
  for (const i of indicators) if (i.previous) counts.set(i.previous.dvo, (counts.get(i.previous.dvo) ?? 0) + 1);
  const named = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return visible.find((d) => d.slug === named && d.slug !== current.slug) ?? null;
}

/** "uitstroom – Uitstroom naar werk …": code and name, as the beheerder knows both. */
export function previousLabel(previous: PreviousAgreement | null, names: ReadonlyMap<string, string>): string {
  if (!previous) return 'geen (nieuwe afspraak)';
  const name = names.get(previous.code);
  return name ? `${previous.code} – ${name}` : previous.code;
}

/** The select's value for a link, and back. Codes never contain a space, so "dvo code" is unambiguous. */
export function choiceOf(previous: PreviousAgreement | null): string {
  return previous ? `${previous.dvo} ${previous.code}` : NO_PREVIOUS;
}

export function previousOfChoice(choice: string): PreviousAgreement | null {
  if (choice === NO_PREVIOUS) return null;
  const [dvo = '', code = ''] = choice.split(' ');
  return { dvo, code };
}

/**
 * The choices: "geen" first, then every agreement of `dvo` as "code – naam"; a current link to an
 * agreement outside that list (another DVO) stays choosable, so opening the select changes nothing.
 */
export function previousChoices(
  dvo: string,
  agreements: readonly Pick<Indicator, 'code' | 'name'>[],
  current: PreviousAgreement | null,
): { value: string; label: string }[] {
  const choices = [
    { value: NO_PREVIOUS, label: 'geen (nieuwe afspraak)' },
    ...agreements.map((a) => ({ value: choiceOf({ dvo, code: a.code }), label: `${a.code} – ${a.name}` })),
  ];
  if (current && !choices.some((c) => c.value === choiceOf(current)))
    choices.push({ value: choiceOf(current), label: `${current.code} (${current.dvo})` });
  return choices;
}
