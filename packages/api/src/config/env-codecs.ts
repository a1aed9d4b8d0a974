import * as t from 'io-ts';

/** A whole number in [min, max] from an env string; refuses "3000abc", "", "1e3". */
export const intFromString = (
  name: string,
  min: number,
  max: number,
): t.Type<number, string, unknown> =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^\d+$/.test(u))
        return t.failure(u, c, `must be a whole number from ${min} to ${max}`);
      const n = Number(u);
      return n >= min && n <= max
        ? t.success(n)
        : t.failure(u, c, `must be a whole number from ${min} to ${max}`);
    },
    String,
  );

/** A comma-separated list; blanks around items are trimmed and empty items dropped. */
export const commaList = <A>(
  name: string,
  item: t.Type<A, string, unknown>,
): t.Type<readonly A[], string, unknown> =>
  new t.Type<readonly A[], string, unknown>(
    name,
    (u): u is readonly A[] => Array.isArray(u) && u.every((x) => item.is(x)),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, 'must be a comma-separated list');
      const parts = u
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const out: A[] = [];
      for (const [i, part] of parts.entries()) {
        const r = item.validate(part, t.appendContext(c, String(i), item, part));
        if (r._tag === 'Left') return r;
        out.push(r.right);
      }
      return t.success(out);
    },
    (as) => as.map((a) => item.encode(a)).join(','),
  );

/** Roles, as API.md defines them. */
export const RoleC = t.keyof({ admin: null, operator: null, auditor: null }, 'Role');
export type Role = t.TypeOf<typeof RoleC>;

/** One API key: `name:role:key`. */
export interface ApiKey {
  readonly name: string;
  readonly role: Role;
  readonly key: string;
}

export const ApiKeyC = new t.Type<ApiKey, string, unknown>(
  'ApiKey',
  (u): u is ApiKey => typeof u === 'object' && u !== null && 'key' in u,
  (u, c) => {
    const match =
      typeof u === 'string' ? /^([A-Za-z0-9_.-]{1,64}):([a-z]+):(\S{16,})$/.exec(u) : null;
    const role = match?.[2];
    if (
      match === null ||
      match[1] === undefined ||
      match[3] === undefined ||
      role === undefined ||
      !RoleC.is(role)
    )
      return t.failure(
        u,
        c,
        'must be name:role:key with role admin|operator|auditor and a key of at least 16 characters',
      );
    return t.success({ name: match[1], role, key: match[3] });
  },
  (k) => `${k.name}:${k.role}:${k.key}`,
);

/** An origin for CORS: scheme://host[:port], nothing after it. */
export const OriginC = t.refinement(t.string, (s) => /^https?:\/\/[^/\s]+$/.test(s), 'Origin');
/** A host name, optionally with a port, as the Host header carries it. */
export const HostNameC = t.refinement(
  t.string,
  (s) => /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(s),
  'HostName',
);

export const LogLevelC = t.keyof(
  { fatal: null, error: null, warn: null, info: null, debug: null, trace: null, silent: null },
  'LogLevel',
);
export type LogLevel = t.TypeOf<typeof LogLevelC>;

/** A PostgreSQL connection string. */
export const PostgresUrlC = t.refinement(
  t.string,
  (s) => /^postgres(ql)?:\/\/\S+$/.test(s),
  'PostgresUrl',
);

/**
 * A KurrentDB/EventStoreDB connection string: `kurrentdb://`, `kurrent://`, `kdb://` or the older
 * `esdb://`, each also as `…+discover://` (gossip discovery of a cluster).
 */
export const EventStoreUrlC = t.refinement(
  t.string,
  (s) => /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/\S+$/.test(s),
  'EventStoreUrl',
);
/** A Redis connection string (`redis://` or `rediss://`), as the workers read `REDIS_URL` too. */
export const RedisUrlC = t.refinement(t.string, (s) => /^rediss?:\/\/\S+$/.test(s), 'RedisUrl');
/** The environments erpcore knows; `NODE_ENV` is matched in any case, anything else refused. */
export const NodeEnvC = new t.Type<'development' | 'test' | 'production', string, unknown>(
  'NodeEnv',
  (u): u is 'development' | 'test' | 'production' =>
    u === 'development' || u === 'test' || u === 'production',
  (u, c) => {
    const lower = typeof u === 'string' ? u.toLowerCase() : '';
    return lower === 'development' || lower === 'test' || lower === 'production'
      ? t.success(lower)
      : t.failure(u, c, 'must be development, test or production (any case, no spaces)');
  },
  String,
);

/** Variables whose values are never printed, not even in an error about them. */
export const secretVariables: ReadonlySet<string> = new Set([
  'ERP_API_KEYS',
  'DATABASE_URL',
  'REDIS_URL',
]);
