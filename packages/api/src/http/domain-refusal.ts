import type { DomainError } from '@erpcore/domain';

/** A decider's refusal on its way to the error handler, which alone decides its HTTP status. */
export class DomainRefusal extends Error {
  override readonly name = 'DomainRefusal';
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}
