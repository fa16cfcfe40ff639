/** Canonical direction of a call leg. The provider's finer value is kept in `directionDetail`. */
export type Direction = 'inbound' | 'outbound';

/**
 * Reads a provider's direction value. Twilio's `outbound-api`, `outbound-dial`
 * and `trunking-terminating` are outbound; `trunking-originating` is inbound.
 * Returns null for a value neither vocabulary has (the raw value is kept as detail).
 */
export function directionOf(detail: string): Direction | null {
  switch (detail) {
    case 'inbound':
    case 'trunking-originating':
      return 'inbound';
    case 'outbound':
    case 'outbound-api':
    case 'outbound-dial':
    case 'trunking-terminating':
      return 'outbound';
    default:
      return null;
  }
}
