import { describe, expect, it } from 'vitest';
import { normalizeCall, toDialect } from '../../src/dialects/registry.js';

const record = JSON.parse(
  '{"sid":"CA0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef","status":"completed",' +
    '"price":"-0.0175","duration":"4","__proto__":{"polluted":true},"constructor":"kept"}',
) as Record<string, unknown>;

describe('records with keys named like Object internals', () => {
  it('keeps __proto__ and constructor as plain fields, both ways, and pollutes nothing', () => {
    const call = normalizeCall(record);
    expect(Object.hasOwn(call.extra, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(call.extra)).toBe(Object.prototype);
    expect(call.extra.constructor).toBe('kept');
    for (const provider of ['twilio', 'signalwire'] as const) {
      const written = toDialect(call, provider);
      expect(Object.hasOwn(written, '__proto__')).toBe(true);
      expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(written))).toMatchObject({ constructor: 'kept' });
      expect(JSON.stringify(written)).toContain('"__proto__":{"polluted":true}');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
