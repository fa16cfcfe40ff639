import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtraFields } from '../../src/dialects/common/extra-fields.js';

const DOCUMENTED = ['sid', 'status', 'to', 'from', 'price', 'duration'];

/** The undocumented fields, found the plain way. */
const model = (raw: Record<string, unknown>) => Object.fromEntries(Object.entries(raw).filter(([key]) => !DOCUMENTED.includes(key)));

// Records as JSON text, so that keys such as __proto__ become own fields as they do in parsed input.
const record = fc
  .uniqueArray(fc.oneof(fc.constantFrom(...DOCUMENTED), fc.constantFrom('extra', '__proto__', 'audio_in_mos', 'constructor')), { maxLength: 9 })
  .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.jsonValue(), { minLength: keys.length, maxLength: keys.length })))
  .map(([keys, values]) => JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, values[i]])))) as Record<string, unknown>);

describe('ExtraFields', () => {
  it('finds exactly the undocumented fields of every record, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const extraFields = new ExtraFields(new Set(DOCUMENTED));
        for (const raw of records) {
          const extra = extraFields.of(raw);
          expect(Object.keys(extra)).toEqual(Object.keys(model(raw)));
          for (const key of Object.keys(extra)) expect(Object.getOwnPropertyDescriptor(extra, key)?.value).toBe(raw[key]);
        }
      }),
    );
  });

  it('shares one frozen empty object between records with nothing undocumented', () => {
    const extraFields = new ExtraFields(new Set(DOCUMENTED));
    const a = extraFields.of({ sid: 'a', status: 'busy' });
    const b = extraFields.of({ status: 'busy', sid: 'b', to: '+1' });
    expect(a).toEqual({});
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('keeps a __proto__ field as a field, never as a prototype', () => {
    const extraFields = new ExtraFields(new Set(DOCUMENTED));
    extraFields.of({ sid: 'a', status: 'busy' });
    const extra = extraFields.of(JSON.parse('{"sid":"a","status":"busy","__proto__":{"polluted":true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.keys(extra)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
