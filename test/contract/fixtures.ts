import { readFileSync } from 'node:fs';
import type { Provider } from '../../src/model/provider.js';

/** A raw record as a provider sends it. */
export type RawRecord = Record<string, unknown>;

/** The drift cases every dialect has a fixture for, under `fixtures/<provider>/drift/`. */
export const LENIENT_DRIFT = ['numbers-and-strings', 'missing-fields', 'uri-without-json', 'undocumented-field'] as const;
export const REJECTED_DRIFT = ['impossible-date', 'unknown-status'] as const;
export type DriftCase = (typeof LENIENT_DRIFT)[number] | (typeof REJECTED_DRIFT)[number];

/** One dialect's hand-written fixtures. */
export interface DialectFixtures {
  /** First list page: has a next_page_uri. */
  listPage: RawRecord;
  /** Last list page: next_page_uri null. */
  lastPage: RawRecord;
  /** A single fetched record. */
  call: RawRecord;
  /** Every documented record: both pages, then the single record. */
  records: RawRecord[];
  /** A drift case's record. */
  drift(name: DriftCase): RawRecord;
}

function readJson(path: string): RawRecord {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as RawRecord;
}

/** Loads a dialect's fixtures from the repository's `fixtures/` folder (freshly parsed on every call). */
export function loadFixtures(provider: Provider): DialectFixtures {
  const listPage = readJson(`${provider}/list-page.json`);
  const lastPage = readJson(`${provider}/list-page-2.json`);
  const call = readJson(`${provider}/call.json`);
  return {
    listPage,
    lastPage,
    call,
    records: [...(listPage.calls as RawRecord[]), ...(lastPage.calls as RawRecord[]), call],
    drift: (name) => readJson(`${provider}/drift/${name}.json`),
  };
}

/** The canonical RFC 2822 form both dialects document: `Tue, 05 Mar 2024 14:00:02 +0000`. */
export const RFC_2822_UTC = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

/** A canonical instant: UTC ISO 8601 with `Z`, whole seconds. */
export const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
