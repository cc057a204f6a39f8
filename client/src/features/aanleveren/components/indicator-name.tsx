import type { Indicator } from '../../../../../shared/contracts/catalogue.ts';

export type IndicatorLookup = ReadonlyMap<string, Indicator>;

/** The agreement's name with its code below it, as in the catalogue; the code alone until it loaded. */
export function IndicatorName({ code, indicators }: { code: string; indicators: IndicatorLookup }) {
  const indicator = indicators.get(code);
  if (!indicator) return <span className="code-inline">{code}</span>;
  return (
    <>
      {indicator.name}
      <span className="code">{code}</span>
    </>
  );
}
