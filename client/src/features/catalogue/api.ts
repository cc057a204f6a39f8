// The catalogue screen reads the shared DVO queries; they live in lib/ because the dashboard reads them too.
export { dvosQuery, indicatorsQuery } from '../../lib/dvo-queries.ts';
