import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTwilioCallSid, isUuid, isUuidShaped, twilioSidToUuid, uuidToTwilioSid } from '../../src/model/sid.js';

describe('sid shapes', () => {
  it('knows a Twilio call sid', () => {
    expect(isTwilioCallSid('CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3')).toBe(true);
    expect(isTwilioCallSid('CA7B1E4C9A2D3F40E5B6A7C8D9E0F1A2B3')).toBe(true);
    expect(isTwilioCallSid('AC7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b3')).toBe(false);
    expect(isTwilioCallSid('CA7b1e4c9a2d3f40e5b6a7c8d9e0f1a2b')).toBe(false);
    expect(isTwilioCallSid('CAb3877c40da60499890adb792e98472pa')).toBe(false);
  });

  it('tells a UUID from an id that only has its shape', () => {
    expect(isUuid('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01')).toBe(true);
    expect(isUuid('b3877c40-da60-4998-90ad-b792e98472pa')).toBe(false);
    expect(isUuidShaped('b3877c40-da60-4998-90ad-b792e98472pa')).toBe(true);
    expect(isUuidShaped('0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01')).toBe(false);
  });
});

describe('sid shapes, against their regular expressions', () => {
  const TWILIO_CALL_SID = /^CA[0-9a-fA-F]{32}$/;
  const UUID_SHAPED = /^[0-9a-zA-Z]{8}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{12}$/;
  // Strings close to each shape: the right length, a few characters swapped for near misses.
  const near = (template: fc.Arbitrary<string>) =>
    fc.tuple(template, fc.array(fc.tuple(fc.nat(40), fc.constantFrom('-', 'g', 'G', 'z', '/', ':', '@', '`', '{', '0', 'é', ' ', '')))).map(
      ([text, edits]) => edits.reduce((s, [at, c]) => s.slice(0, at) + c + s.slice(at + 1), text),
    );
  const sids = fc.stringMatching(/^CA[0-9a-fA-F]{32}$/);

  it('isTwilioCallSid is exactly /^CA[0-9a-fA-F]{32}$/', () => {
    fc.assert(
      fc.property(fc.oneof(near(sids), near(fc.uuid()), fc.string()), (text) => {
        expect(isTwilioCallSid(text)).toBe(TWILIO_CALL_SID.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('isUuidShaped is exactly 8-4-4-4-12 ASCII letters and digits', () => {
    fc.assert(
      fc.property(fc.oneof(near(fc.uuid()), near(sids), fc.string()), (text) => {
        expect(isUuidShaped(text)).toBe(UUID_SHAPED.test(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('UUID <-> Twilio-shaped sid', () => {
  it('maps a UUID onto the prefix and its 32 characters, and back', () => {
    expect(uuidToTwilioSid('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01')).toBe('CA0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01');
    expect(uuidToTwilioSid('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', 'PN')).toBe('PN0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01');
    expect(twilioSidToUuid('CA0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01')).toBe('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01');
  });

  it('keeps ids that are not valid hex as they are, never "fixing" them', () => {
    expect(uuidToTwilioSid('b3877c40-da60-4998-90ad-b792e98472pa')).toBe('CAb3877c40da60499890adb792e98472pa');
    expect(twilioSidToUuid('CAb3877c40da60499890adb792e98472pa')).toBe('b3877c40-da60-4998-90ad-b792e98472pa');
  });

  it('leaves other shapes unchanged', () => {
    for (const other of ['', 'not-a-uuid', 'CA123', '0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01', 'sip:alice@example.com']) {
      expect(uuidToTwilioSid(other)).toBe(other);
      expect(twilioSidToUuid(other)).toBe(other);
    }
  });

  it('round-trips every UUID, case kept', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
        const id = upper ? uuid.toUpperCase() : uuid;
        const sid = uuidToTwilioSid(id);
        expect(sid).toMatch(/^CA[0-9a-fA-F]{32}$/);
        expect(twilioSidToUuid(sid)).toBe(id);
      }),
    );
  });

  it('round-trips every Twilio call sid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), (hex) => {
        const sid = `CA${hex}`;
        expect(uuidToTwilioSid(twilioSidToUuid(sid))).toBe(sid);
      }),
    );
  });
});
