import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uuidFrom } from './idempotency.js';

describe('uuidFrom', () => {
  it('formats a hash as a version-8 RFC 9562 uuid, deterministically', () => {
    const hash = createHash('sha256').update('key').digest();
    const id = uuidFrom(hash);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFrom(hash)).toBe(id);
    expect(uuidFrom(createHash('sha256').update('other').digest())).not.toBe(id);
  });
});
