import type { EventUpcaster, StoredEventShape } from '@erpcore/domain';

/** A stored event brought to today's shape, or why it cannot be. */
export type UpcastResult =
  | { readonly ok: true; readonly shape: StoredEventShape }
  | { readonly ok: false; readonly reason: string };

/** Upcasters chained per event type: what writers stamp and what readers run. */
export interface UpcasterRegistry {
  /** The schema version new events of `type` are written at (1 for a type never evolved). */
  currentVersion(type: string): number;
  /**
   * Runs the chain from the version stamped in `metadata.schemaVersion` to the current one. A
   * version that is not a whole number ≥ 1, or newer than this code knows, is refused: an old
   * binary must not fold events it cannot understand.
   */
  upcast(type: string, shape: StoredEventShape): UpcastResult;
}

const describe = (u: unknown): string => (typeof u === 'string' ? `"${u}"` : String(u));

/**
 * Builds a registry and checks it: per type, the upcasters must run 1 → 2 → … with neither gaps
 * nor duplicates, so every version ever written has a path to the current one.
 */
export const createUpcasterRegistry = (upcasters: readonly EventUpcaster[]): UpcasterRegistry => {
  const chains = new Map<string, EventUpcaster[]>();
  for (const u of upcasters) {
    const chain = chains.get(u.type) ?? [];
    chain.push(u);
    chains.set(u.type, chain);
  }
  for (const [type, chain] of chains) {
    chain.sort((a, b) => a.fromVersion - b.fromVersion);
    chain.forEach((u, i) => {
      if (u.fromVersion !== i + 1)
        throw new Error(
          `upcasters of ${type}: expected one from version ${i + 1}, found one from ${u.fromVersion}`,
        );
    });
  }
  const currentVersion = (type: string): number => (chains.get(type)?.length ?? 0) + 1;
  return {
    currentVersion,
    upcast: (type, shape) => {
      const stamped = shape.metadata['schemaVersion'];
      const current = currentVersion(type);
      if (typeof stamped !== 'number' || !Number.isInteger(stamped) || stamped < 1)
        return {
          ok: false,
          reason: `metadata.schemaVersion: expected a whole number ≥ 1, got ${describe(stamped)}`,
        };
      if (stamped > current)
        return {
          ok: false,
          reason: `schema version ${stamped} of ${type} is newer than this erpcore reads (${current}): upgrade erpcore`,
        };
      if (stamped === current) return { ok: true, shape };
      let next = shape;
      for (const u of chains.get(type)?.slice(stamped - 1) ?? []) next = u.upcast(next);
      return {
        ok: true,
        shape: { data: next.data, metadata: { ...next.metadata, schemaVersion: current } },
      };
    },
  };
};
