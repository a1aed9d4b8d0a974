/**
 * The refusals a decider can give. Codes are stable: the API maps each to 422 (or 404/409 for
 * the first three) in one place, and nobody matches on message text.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'already_exists'
  | 'conflict'
  | 'insufficient_stock'
  | 'account_cycle'
  | 'duplicate_account_name'
  | 'unbalanced_entry'
  | 'unknown_account'
  | 'account_closed'
  | 'invalid_transition'
  | 'unknown_product'
  | 'unknown_warehouse'
  | 'unknown_customer'
  | 'limit_exceeded'
  | 'validation_failed'
  | 'period_locked'
  | 'credit_limit_exceeded'
  | 'unknown_supplier'
  | 'exceeds_remaining';

export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly details?: readonly unknown[];
}

export const domainError = (
  code: DomainErrorCode,
  message: string,
  details?: readonly unknown[],
): DomainError => (details === undefined ? { code, message } : { code, message, details });
