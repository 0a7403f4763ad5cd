// AppError: the one exception type services throw; the HTTP layer turns it into the error format.
import type { ErrorCode, ErrorDetail } from '@qinqing/shared';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetail[],
    /** Extra fields the client may use (e.g. the existing id on a duplicate). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const versionConflict = () => new AppError('VERSION_CONFLICT');

/** A validation failure on one field, with a machine-readable code and a Chinese message. */
export function invalidField(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, code, message }]);
}
