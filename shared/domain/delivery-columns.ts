/**
 * The columns of a delivery (interface.md §3), in one table: the header rules of the file readers,
 * the figure validator, the CSV writer, the delivery template and the client's instructions read it.
 *
 * `required` says when a file must have the column:
 * - `always`: every file (indicator, periode);
 * - `number`: at least one of these, since a figure is a waarde, or for a ratio (kind `ratio`) a teller
 *   and noemer; which one a row needs is a row rule of the validator;
 * - `optional`: segment (absent is the total) and toelichting.
 */
export const DELIVERY_COLUMNS = [
  { field: 'indicator', dutch: 'indicator', english: 'indicator', required: 'always' },
  { field: 'period', dutch: 'periode', english: 'period', required: 'always' },
  { field: 'segment', dutch: 'segment', english: 'segment', required: 'optional' },
  { field: 'value', dutch: 'waarde', english: 'value', required: 'number' },
  { field: 'numerator', dutch: 'teller', english: 'numerator', required: 'number' },
  { field: 'denominator', dutch: 'noemer', english: 'denominator', required: 'number' },
  { field: 'comment', dutch: 'toelichting', english: 'comment', required: 'optional' },
] as const;

type DeliveryColumn = (typeof DELIVERY_COLUMNS)[number];

/** The columns of an import file by their English names, as in `POST /figures`. */
export const FIGURE_FIELDS = DELIVERY_COLUMNS.map((column) => column.field);
export type FigureField = DeliveryColumn['field'];

/** The Dutch column names; used in headers written and in messages about a column the file does not have. */
export const DUTCH_COLUMN_NAMES = Object.fromEntries(
  DELIVERY_COLUMNS.map((column) => [column.field, column.dutch]),
) as { readonly [C in DeliveryColumn as C['field']]: C['dutch'] };

/** The columns every file must have. */
export const ALWAYS_REQUIRED_FIELDS: readonly FigureField[] = DELIVERY_COLUMNS.filter(
  (column) => column.required === 'always',
).map((column) => column.field);

/** The columns of which a file must have at least one: the figure's number. */
export const NUMBER_FIELDS: readonly FigureField[] = DELIVERY_COLUMNS.filter(
  (column) => column.required === 'number',
).map((column) => column.field);

/**
 * The read-only help columns of the delivery template, beside the delivery columns; ignored when the
 * file comes back.
 */
export const TEMPLATE_HELP_COLUMNS = {
  name: 'omschrijving',
  unit: 'eenheid',
  previousPeriod: 'vorige periode',
  previous: 'vorige waarde',
} as const;

/** The columns of the delivery template, in order: delivery columns by field, help columns by key. */
export const TEMPLATE_COLUMNS = [
  'indicator',
  'name',
  'period',
  'segment',
  'unit',
  'value',
  'numerator',
  'denominator',
  'comment',
  'previousPeriod',
  'previous',
] as const satisfies readonly (FigureField | keyof typeof TEMPLATE_HELP_COLUMNS)[];
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** The header text of a template column. */
export function templateColumnName(column: TemplateColumn): string {
  return column in TEMPLATE_HELP_COLUMNS
    ? TEMPLATE_HELP_COLUMNS[column as keyof typeof TEMPLATE_HELP_COLUMNS]
    : DUTCH_COLUMN_NAMES[column as FigureField];
}
