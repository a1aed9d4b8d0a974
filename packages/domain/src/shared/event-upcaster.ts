/**
 * A stored event as an upcaster sees it: its data and metadata as stored JSON, before any codec.
 * Metadata is part of the shape, so an evolution of what the metadata carries is an upcaster too.
 */
export interface StoredEventShape {
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * Turns a stored event of `type` written at schema version `fromVersion` into version
 * `fromVersion + 1`. Pure and total: input it cannot read is returned unchanged, so the event's
 * codec reports exactly what is wrong with it. Registered once (see event-upcasters.ts); the
 * event store chains them on every read, so no reader ever sees an old version.
 */
export interface EventUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (event: StoredEventShape) => StoredEventShape;
}
