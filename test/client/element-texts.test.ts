import { describe, expect, it } from 'vitest';
import { elementTexts } from '../../src/client/element-texts.js';

describe('elementTexts', () => {
  it('finds each record of a page as written, whatever its strings hold', () => {
    const records = [
      { sid: 'CA1', caller_name: 'say "hi" {not [an] object}', nested: { a: [1, { b: '\\' }] }, price: null },
      { sid: 'CA2', caller_name: 'ends in a backslash \\', uri: '/x?y=[1]&z={2}' },
      { sid: 'CA3', empty: {}, list: [], unicode: 'é 📞 \u0001' },
    ];
    const page = JSON.stringify({ end: 2, calls: records, next_page_uri: '/x?Page=[1]', page: 0 });
    const texts = elementTexts(page, 3)!;
    expect(texts).toEqual(records.map((record) => JSON.stringify(record)));
  });

  it('keeps the provider’s spacing, numbers and key order', () => {
    const page = '{\n  "calls": [\n    {\n      "sid": "CA1",\n      "duration": 1.50,\n      "big": 12345678901234567890\n    },\n    { "b": 1, "a": 2 }\n  ],\n  "page": 0\n}';
    const texts = elementTexts(page, 2)!;
    expect(texts).toEqual(['{\n      "sid": "CA1",\n      "duration": 1.50,\n      "big": 12345678901234567890\n    }', '{ "b": 1, "a": 2 }']);
    expect(texts.map((text) => JSON.parse(text))).toEqual(JSON.parse(page).calls);
  });

  it('is null unless exactly one member array holds that many objects, and nothing else', () => {
    const two = [{ a: 1 }, { a: 2 }];
    expect(elementTexts(JSON.stringify({ calls: two }), 3)).toBeNull();
    expect(elementTexts(JSON.stringify({ calls: two, more: two }), 2)).toBeNull();
    expect(elementTexts(JSON.stringify({ calls: [{ a: 1 }, 2] }), 2)).toBeNull();
    expect(elementTexts(JSON.stringify({ calls: [{ a: 1 }, 'b'] }), 2)).toBeNull();
    expect(elementTexts(JSON.stringify({ calls: [{ a: 1 }, [2]] }), 2)).toBeNull();
    expect(elementTexts(JSON.stringify(two), 2)).toBeNull();
    // Deeper arrays are not a page's records.
    expect(elementTexts(JSON.stringify({ data: { calls: two } }), 2)).toBeNull();
    expect(elementTexts(JSON.stringify({ calls: two, sizes: [1, 2] }), 2)).toEqual(two.map((record) => JSON.stringify(record)));
  });
});
