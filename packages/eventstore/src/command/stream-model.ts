import type * as t from 'io-ts';
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainEvent } from '@erpcore/domain';
import type { StreamRevision } from '../event-store.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';

/**
 * The codec a stream model needs: an io-ts codec of the context's event union fits. Methods (not
 * function properties) so models of different contexts fit one `StreamModel<DomainEvent, unknown>`.
 */
export interface StreamCodec<E> {
  decode(input: unknown): Either<t.Errors, E>;
  encode(event: E): { readonly type: string; readonly data: unknown };
  is(input: unknown): input is E;
}

/** How a stream's state is loaded before a decision. */
export type LoadStrategy<E, S> =
  /** Read the whole stream and fold it (the default). */
  | { readonly kind: 'fold' }
  /**
   * Read only the last event: for streams whose events carry the full state (stock movements
   * carry the balance after them). `fromLastEvent` defaults to `evolve(initialState, event)`.
   */
  | { readonly kind: 'lastEvent'; fromLastEvent?(event: E, revision: StreamRevision): S }
  /** Start from the newest snapshot, fold the events after it, save a snapshot every `every` events. */
  | { readonly kind: 'snapshot'; readonly snapshots: SnapshotStore<S>; readonly every: number };

/** What the command handler needs to rebuild one stream's state. */
export interface StreamModel<E extends DomainEvent, S> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
  readonly codec: StreamCodec<E>;
  readonly load?: LoadStrategy<E, S>;
}
