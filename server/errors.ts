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

/** What every refused delivery of figures says (decision 0013): all or nothing, and this time nothing. */
export const NOTHING_STORED = 'Er is niets opgeslagen.';

/** `message`, ending with NOTHING_STORED unless it says so already. */
export function withNothingStored(message: string): string {
  if (message.includes(NOTHING_STORED)) return message;
  return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${NOTHING_STORED}`;
}
