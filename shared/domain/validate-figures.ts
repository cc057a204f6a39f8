/**
 * The validation of figures (interface.md §3), one validator for file imports and `POST /figures`:
 * row rules (validate-figures/row-rules.ts), accumulation per key with the cap on listed problems
 * (validate-figures/accumulate.ts) and the warnings across rows (validate-figures/warnings.ts).
 */
export { DUTCH_COLUMN_NAMES, FIGURE_FIELDS, type FigureField } from './delivery-columns.ts';
export {
  createFigureValidator,
  type FigureValidator,
  MAX_LISTED_ERRORS,
  validateFigures,
} from './validate-figures/accumulate.ts';
export {
  type FigureProblem,
  type FigureProblemCode,
  type FigureRowInput,
  type FigureValidationContext,
  figureKey,
  type NormalizedFigure,
  type RawCell,
  type RawFigure,
  type ValidateFiguresInput,
  type ValidateFiguresResult,
} from './validate-figures/context.ts';
export { PLAUSIBLE_MAX, PLAUSIBLE_RATIO_PART_MAX } from './validate-figures/row-rules.ts';
export { WERKLADDER } from './werkladder.ts';
