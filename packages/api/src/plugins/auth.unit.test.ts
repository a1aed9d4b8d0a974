import { describe, expect, it } from 'vitest';
import { findApiKey, roleMayAccess } from './auth.plugin.js';

describe('roles', () => {
  it('follow API.md: auditors read and audit, operators command and read', () => {
    expect(roleMayAccess('admin', 'admin')).toBe(true);
    expect(roleMayAccess('operator', 'command')).toBe(true);
    expect(roleMayAccess('operator', 'audit')).toBe(false);
    expect(roleMayAccess('auditor', 'command')).toBe(false);
    expect(roleMayAccess('auditor', 'audit')).toBe(true);
    expect(roleMayAccess('auditor', 'query')).toBe(true);
  });

  it('finds the presented bearer key, and only that', () => {
    const keys = [{ name: 'a', role: 'admin', key: 'k'.repeat(16) }] as const;
    expect(findApiKey(keys, `Bearer ${'k'.repeat(16)}`)?.name).toBe('a');
    expect(findApiKey(keys, `Bearer ${'k'.repeat(15)}`)).toBeUndefined();
    expect(findApiKey(keys, 'k'.repeat(16))).toBeUndefined();
    expect(findApiKey(keys, undefined)).toBeUndefined();
  });
});
