import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '../shared/contracts/errors.ts';

export { ERROR_STATUS, type ErrorCode, type ErrorDetail };

/** An error meant for the user: a code, a Dutch message, and optionally every problem found. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get statusCode(): number {
    return ERROR_STATUS[this.code];
  }
}
