/**
 * Domain errors carry a stable string `code`; the HTTP edge maps codes to statuses in one place.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'invalid_signature'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'bad_request';

export interface ErrorDetail {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string | number) =>
  new DomainError('not_found', `${what} ${id} does not exist`);

export const invalid = (field: string, reason: string) =>
  new DomainError('validation_failed', `${field}: ${reason}`, [{ field, reason }]);
