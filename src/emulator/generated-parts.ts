import type { CallColumns } from './dataset.js';
import type { GeneratedSids } from './generated-sids.js';

/** Direction codes of the `direction` column of generated data. */
export const DIRECTION = { inbound: 0, outboundApi: 1, outboundDial: 2 } as const;

/** Everything a generated call is rebuilt from besides its position. */
export interface GeneratedParts {
  /** The 32-bit seed the per-call details are drawn from. */
  seed: number;
  /** Creation instant of the newest call, epoch ms. */
  anchor: number;
  /** 32 hex digits of the account (AC… on Twilio, a UUID on SignalWire). */
  accountKey: string;
  columns: CallColumns;
  /** Direction code per position (see {@link DIRECTION}). */
  direction: Uint8Array;
  /** Address table: owned numbers first, then customers, then SIP/client agents. */
  addresses: readonly string[];
  /** Index into COUNTRIES per address, -1 for SIP/client addresses. */
  addressCountry: Int8Array;
  /** How many leading addresses are the account's own numbers. */
  ownedCount: number;
  /** How many customer numbers follow them. */
  customers: number;
  /** 32 hex digits of each owned number's phone-number sid. */
  ownedKeys: readonly string[];
  sids: GeneratedSids;
}

