import type { Random } from './random.js';

/** A country the generator places callers in, with what a minute of a call there costs. */
export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Share of callers from this country (relative). */
  weight: number;
  /** USD per started minute of an inbound call. */
  inboundRate: number;
  /** USD per started minute of an outbound call. */
  outboundRate: number;
  /** A plausible E.164 number of this country. */
  number(random: Random): string;
}

function digits(random: Random, count: number): string {
  let text = '';
  for (let i = 0; i < count; i += 1) text += Math.floor(random() * 10);
  return text;
}

function oneOf<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

// NANP: area code, then an exchange that starts 2-9 and is not N11.
function nanp(areaCodes: readonly string[]): (random: Random) => string {
  return (random) => {
    let exchange: string;
    do exchange = `${2 + Math.floor(random() * 8)}${digits(random, 2)}`;
    while (exchange.endsWith('11'));
    return `+1${oneOf(areaCodes, random)}${exchange}${digits(random, 4)}`;
  };
}

const US_AREAS = ['212', '213', '305', '310', '312', '404', '415', '512', '617', '646', '702', '206', '303', '718', '786'];
const CA_AREAS = ['416', '604', '514', '403', '613', '905'];

/**
 * The countries of generated numbers, most common first: 70% North American,
 * 30% international across 7 calling codes, as in a US account's call log.
 * Rates are plausible list prices, not any provider's.
 */
export const COUNTRIES: readonly Country[] = [
  { code: 'US', weight: 62, inboundRate: 0.0085, outboundRate: 0.014, number: nanp(US_AREAS) },
  { code: 'GB', weight: 8, inboundRate: 0.01, outboundRate: 0.038, number: (r) => `+447${4 + Math.floor(r() * 6)}${digits(r, 8)}` },
  { code: 'CA', weight: 8, inboundRate: 0.0085, outboundRate: 0.014, number: nanp(CA_AREAS) },
  { code: 'DE', weight: 5, inboundRate: 0.01, outboundRate: 0.06, number: (r) => `+4915${1 + Math.floor(r() * 7)}${digits(r, 8)}` },
  { code: 'FR', weight: 5, inboundRate: 0.01, outboundRate: 0.045, number: (r) => `+33${6 + Math.floor(r() * 2)}${digits(r, 8)}` },
  { code: 'AU', weight: 4, inboundRate: 0.01, outboundRate: 0.05, number: (r) => `+614${digits(r, 8)}` },
  { code: 'IN', weight: 4, inboundRate: 0.01, outboundRate: 0.055, number: (r) => `+91${6 + Math.floor(r() * 4)}${digits(r, 9)}` },
  { code: 'MX', weight: 2, inboundRate: 0.01, outboundRate: 0.035, number: (r) => `+5255${digits(r, 8)}` },
  { code: 'BR', weight: 2, inboundRate: 0.01, outboundRate: 0.045, number: (r) => `+55119${digits(r, 8)}` },
];

/** USD per started minute of a leg to a SIP or client endpoint. */
export const ENDPOINT_RATE = 0.004;

/**
 * The display form both providers send in `to_formatted` / `from_formatted`:
 * North American numbers as `(310) 567-8901`, other numbers in E.164, other
 * addresses verbatim.
 */
export function formatForDisplay(address: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(address);
  return m === null ? address : `(${m[1]}) ${m[2]}-${m[3]}`;
}
