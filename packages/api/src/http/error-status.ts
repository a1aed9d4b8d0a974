import type { DomainErrorCode } from '@erpcore/domain';

/**
 * The HTTP face of each domain refusal (API.md's table). `already_exists` is answered as
 * `409 conflict`: clients see one code for "that id is taken" whatever the aggregate.
 */
export const domainErrorStatus = (
  code: DomainErrorCode,
): { readonly status: number; readonly code: string } => {
  switch (code) {
    case 'already_exists':
    case 'conflict':
      return { status: 409, code: 'conflict' };
    case 'not_found':
      return { status: 404, code: 'not_found' };
    case 'validation_failed':
      return { status: 400, code: 'validation_failed' };
    default:
      return { status: 422, code };
  }
};
