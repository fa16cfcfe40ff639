/**
 * Instants in the canonical model are UTC ISO 8601 strings with a `Z`
 * (`2018-09-19T20:00:00Z`). Providers send RFC 2822; this module reads it
 * without a general-purpose date library because it runs once per time field
 * per record, the hot path of normalization.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6,
  jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6,
  july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

// RFC 822 named zones, in minutes east of UTC.
const ZONES: Readonly<Record<string, number>> = {
  gmt: 0, ut: 0, utc: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300,
  mst: -420, mdt: -360, pst: -480, pdt: -420,
};

const RFC_2822 =
  /^\s*(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,3}))?\s*$/;

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(?:([+-])(\d{2}):?(\d{2})|(Z))$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * Builds epoch milliseconds from calendar parts, or NaN when the parts do not
 * name a real instant (31 Sep, 24:00, 61 minutes, …): dates are never rolled over.
 */
function instantOf(
  year: number, month: number, day: number,
  hour: number, minute: number, second: number, offsetMinutes: number,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // setUTCFullYear, because Date.UTC reads years 0-99 as 1900-1999.
  const ms = new Date(Date.UTC(2000, month - 1, day, hour, minute, second)).setUTCFullYear(year) - offsetMinutes * 60_000;
  return ms >= FIRST_INSTANT && ms <= LAST_INSTANT ? ms : Number.NaN;
}

// Four-digit years only: what both RFC 2822 and the canonical ISO form can write.
const FIRST_INSTANT = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(0);
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Minutes east of UTC for a numeric zone (`+0530`), or NaN when its minutes or hours cannot be a zone's. */
function zoneOffset(sign: string, hours: string, minutes: string): number {
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 14 || m > 59) return Number.NaN;
  return sign === '-' ? -(h * 60 + m) : h * 60 + m;
}

/**
 * Parses an RFC 2822 date-time (`Wed, 19 Sep 2018 20:00:00 +0000`) leniently:
 * `Sept` and other long month names, any day name, numeric zones with or without
 * a colon, `GMT`/`UT`/`UTC`/`Z` and the RFC 822 US zones, a missing zone read as UTC
 * (both providers document UTC), two-digit years per RFC 2822.
 * Returns epoch milliseconds, or NaN when the text is not such a date or names
 * an impossible one.
 */
export function parseRfc2822(text: string): number {
  const m = RFC_2822.exec(text);
  if (m === null) return Number.NaN;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return Number.NaN;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  let offset = 0;
  if (m[7] !== undefined) {
    offset = zoneOffset(m[7], m[8]!, m[9]!);
  } else if (m[10] !== undefined) {
    const zone = ZONES[m[10].toLowerCase()];
    if (zone === undefined) return Number.NaN;
    offset = zone;
  }
  return instantOf(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), offset);
}

/**
 * Parses an ISO 8601 date-time that carries its zone (`2024-03-05T13:00:00Z`,
 * `2024-03-05T14:00:00.250+01:00`). Fractions of a second are kept to the
 * millisecond, the precision of a `Date`, so a query bound typed as text means
 * the same instant as the same bound given as a `Date`.
 * Returns epoch milliseconds, or NaN.
 */
export function parseIsoInstant(text: string): number {
  const m = ISO_8601.exec(text);
  if (m === null) return Number.NaN;
  let offset = 0;
  if (m[8] !== undefined) offset = zoneOffset(m[8], m[9]!, m[10]!);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  return instantOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), offset) + ms;
}

/** Formats epoch milliseconds as the canonical `YYYY-MM-DDTHH:mm:ssZ`. */
export function formatIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats epoch milliseconds as RFC 2822 in UTC, the way both providers write it: `Wed, 19 Sep 2018 20:00:00 +0000`. */
export function formatRfc2822(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAY_NAMES[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTH_NAMES[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/** Formats epoch milliseconds as the GMT calendar day `YYYY-MM-DD`. */
export function formatGmtDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight GMT of a `YYYY-MM-DD` that names a real day, as epoch ms, or NaN. */
export function parseGmtDay(text: string): number {
  return DATE_ONLY.test(text) ? parseIsoInstant(`${text}T00:00:00Z`) : Number.NaN;
}

/** Reads a provider's time field: RFC 2822 first, ISO 8601 as drift. Returns epoch ms or NaN. */
export function parseProviderTime(text: string): number {
  const ms = parseRfc2822(text);
  return Number.isNaN(ms) ? parseIsoInstant(text) : ms;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The number of two ASCII digits at `at`, or NaN. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

// The three letters of an English month, packed into one number.
const pack = (a: number, b: number, c: number) => (a << 16) | (b << 8) | c;
const MONTH_OF_PACKED: ReadonlyMap<number, number> = new Map(
  MONTH_NAMES.map((name, i) => [pack(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2)), i + 1]),
);

// The times of a record, and of calls listed by date, mostly fall on the day
// read last: its check is remembered, and compared part by part first.
const last = { day: -1, packed: -1, year: -1, month: 0 };

/**
 * The month (1-12) of `Wed, 19 Sep 2018 …` when its day, month and year name a
 * real day; 0 for an impossible day (31 Sep); -1 when the text is not in the
 * providers' exact shape, for the general parser.
 */
function checkedMonth(text: string): number {
  const packed = pack(text.charCodeAt(8), text.charCodeAt(9), text.charCodeAt(10));
  const day = twoDigits(text, 5);
  const year = twoDigits(text, 12) * 100 + twoDigits(text, 14);
  if (Number.isNaN(day + year) || text.charCodeAt(4) !== 32 || text.charCodeAt(7) !== 32 || text.charCodeAt(11) !== 32) return -1;
  if (day === last.day && packed === last.packed && year === last.year) return last.month;
  const month = MONTH_OF_PACKED.get(packed);
  if (month === undefined) return -1;
  last.day = day;
  last.packed = packed;
  last.year = year;
  last.month = day >= 1 && day <= daysInMonth(year, month) ? month : 0;
  return last.month;
}

/**
 * Reads a provider time into the canonical ISO form. The exact shape both
 * providers send (`Wed, 19 Sep 2018 20:00:00 +0000`) is rewritten character by character,
 * with the same calendar checks; anything else goes through {@link parseProviderTime}.
 * Returns null for text that is not a valid time.
 */
export function providerTimeToIso(text: string): string | null {
  if (
    text.length === 31 && text.charCodeAt(3) === 44 && text.charCodeAt(16) === 32 && text.charCodeAt(19) === 58 &&
    text.charCodeAt(22) === 58 && text.charCodeAt(25) === 32 && text.charCodeAt(26) === 43 && text.charCodeAt(27) === 48 &&
    text.charCodeAt(28) === 48 && text.charCodeAt(29) === 48 && text.charCodeAt(30) === 48
  ) {
    // The day name is not checked against the date (providers' samples get it wrong), only its shape.
    const month = isLetter(text.charCodeAt(0)) && isLetter(text.charCodeAt(1)) && isLetter(text.charCodeAt(2)) ? checkedMonth(text) : -1;
    if (month === 0) return null;
    const hour = twoDigits(text, 17);
    const minute = twoDigits(text, 20);
    const second = twoDigits(text, 23);
    if (month > 0 && !Number.isNaN(hour + minute + second)) {
      if (hour > 23 || minute > 59 || second > 59) return null;
      // One flat string, written character by character: no pieces joined (a joined string is
      // a tree of strings that every later reader, JSON.stringify included, first flattens).
      // Its digits come from the numbers already read (the day and year checkedMonth kept):
      // every character read from the text costs a check of the string's representation.
      const { year, day } = last;
      return String.fromCharCode(
        48 + ((year / 1000) | 0), 48 + (((year / 100) | 0) % 10), 48 + (((year / 10) | 0) % 10), 48 + (year % 10), 45,
        month > 9 ? 49 : 48, 48 + (month % 10), 45, 48 + ((day / 10) | 0), 48 + (day % 10), 84,
        48 + ((hour / 10) | 0), 48 + (hour % 10), 58, 48 + ((minute / 10) | 0), 48 + (minute % 10), 58,
        48 + ((second / 10) | 0), 48 + (second % 10), 90,
      );
    }
  }
  const ms = parseProviderTime(text);
  return Number.isNaN(ms) ? null : formatIso(ms);
}
