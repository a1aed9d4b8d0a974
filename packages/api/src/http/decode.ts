import * as t from 'io-ts';
import { validationFailed, type ErrorDetail } from './http-error.js';
import { ruleText } from './codec-rule-text.js';
import { StrictObjectType } from './strict-object-type.js';

/** Turns io-ts errors into `{ path, message }`, one per failing path (`body.items.0.quantity`). */
export const describeErrors = (root: string, errors: t.Errors): ErrorDetail[] => {
  const seen = new Map<string, ErrorDetail>();
  for (const error of errors) {
    // A union member's index is not part of the path (`body.phone`, not `body.phone.0`).
    const keys = error.context
      .filter((c, i) => c.key !== '' && !(error.context[i - 1]?.type instanceof t.UnionType))
      .map((c) => c.key);
    const path = [root, ...keys].join('.');
    // A value no union member took is described by the whole union ("… or null").
    const parent = error.context[error.context.length - 2]?.type;
    const last =
      parent instanceof t.UnionType ? parent : error.context[error.context.length - 1]?.type;
    const rule = last === undefined ? 'a valid value' : ruleText(last);
    const message =
      error.message ?? (error.value === undefined ? `required: ${rule}` : `must be ${rule}`);
    // A union reports each branch at the same path: keep the first, it reads best.
    if (!seen.has(path)) seen.set(path, { path, message });
  }
  return [...seen.values()];
};

/** Decodes `value` or throws `400 validation_failed` listing every failing path under `root`. */
export const decodeOr400 = <A, O>(
  codec: t.Type<A, O, unknown>,
  value: unknown,
  root: 'body' | 'params' | 'query' | 'headers',
): A => {
  const result = codec.decode(value);
  if (result._tag === 'Left') throw validationFailed(describeErrors(root, result.left));
  return result.right;
};

type Out<P extends t.Props> = { readonly [K in keyof P]: t.TypeOf<P[K]> };

/**
 * An object codec with required and optional keys that refuses keys it does not know, so a typo
 * (`branchID`) is a 400 naming that path, not a silently ignored field.
 */
export const strictObject = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
) => {
  type A = Out<R> & Partial<Out<O>>;
  const requiredC = t.exact(t.type(required));
  const optionalC = t.exact(t.partial((optional ?? {}) as O));
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  // Validated as two halves against the same context (not t.intersection, whose member index
  // would show up in every error path).
  return new StrictObjectType<R, O, A>(
    name,
    (u): u is A => requiredC.is(u) && optionalC.is(u),
    (u, c) => {
      const req = requiredC.validate(u, c);
      const opt = optionalC.validate(u, c);
      const unknownKeys =
        typeof u === 'object' && u !== null && !Array.isArray(u)
          ? Object.keys(u).filter((k) => !known.has(k))
          : [];
      const extra: t.Errors = unknownKeys.map((k) => ({
        value: (u as Record<string, unknown>)[k],
        context: t.appendContext(c, k, t.never),
        message: 'unknown field',
      }));
      if (req._tag === 'Right' && opt._tag === 'Right' && extra.length === 0)
        return t.success({ ...opt.right, ...req.right } as A);
      // A non-object fails both halves the same way: report it once.
      const optErrors =
        opt._tag === 'Left' && req._tag === 'Right'
          ? opt.left
          : opt._tag === 'Left' && typeof u === 'object' && u !== null
            ? opt.left
            : [];
      return t.failures([...(req._tag === 'Left' ? req.left : []), ...optErrors, ...extra]);
    },
    (a) => ({ ...optionalC.encode(a as never), ...requiredC.encode(a as never) }),
    required,
    (optional ?? {}) as O,
  );
};
