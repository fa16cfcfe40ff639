import { hex8, mix32, unmix32 } from './random.js';

/**
 * Sids of generated calls: 32 hex digits computed from the seed and the call's
 * position, and read back into the position without any index, so that a
 * million calls need no sid table. The first 8 digits are an invertible mix of
 * the position; the rest are derived from them.
 */
export interface GeneratedSids {
  /** The sid key (32 lowercase hex digits) of the call at a position. */
  keyAt(position: number): string;
  /** The position whose sid key this is, or -1. */
  positionOf(key: string): number;
}

/** Sids for `size` generated calls under a 32-bit seed. */
export function generatedSids(seed: number, size: number): GeneratedSids {
  const k = [0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1].map((c) => mix32(seed ^ c));
  const keyAt = (position: number): string => {
    const w0 = mix32((position ^ k[0]!) >>> 0);
    return hex8(w0) + hex8(mix32(w0 ^ k[1]!)) + hex8(mix32(w0 ^ k[2]!)) + hex8(mix32(w0 ^ k[3]!));
  };
  return {
    keyAt,
    positionOf(key) {
      if (!/^[0-9a-f]{32}$/.test(key)) return -1;
      const position = (unmix32(Number.parseInt(key.slice(0, 8), 16)) ^ k[0]!) >>> 0;
      return position < size && keyAt(position) === key ? position : -1;
    },
  };
}
