export { ErrorResponseSchema } from '../shared/contracts/errors.ts';
