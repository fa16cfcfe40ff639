import { readListPage } from '../common/list-page.js';
import type { PageOf, ProviderErrorBody } from '../common/dialect.js';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads a TeXML list page: `calls` and `next_page_uri` as in the 2010-04-01
 * envelope (there is no `previous_page_uri`). Telnyx's spec once wrapped the
 * page in `{"data": …}`; such a page is read too.
 */
export function readTelnyxPage(body: unknown): PageOf {
  return readListPage(isObject(body) && !('calls' in body) && isObject(body.data) ? body.data : body);
}

/**
 * Reads a Telnyx error body, `{"errors":[{"code":"10006","title":…,"detail":…,"meta":{"url":…}}]}`,
 * leniently from its first error: the code is sent as a string of digits,
 * the message is the detail (else the title), more_info the `meta.url`.
 */
export function readTelnyxError(body: unknown): ProviderErrorBody {
  const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
  const first: Record<string, unknown> = isObject(errors[0]) ? errors[0] : {};
  const { code, detail, title, meta } = first;
  return {
    code: typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : null,
    message: typeof detail === 'string' ? detail : typeof title === 'string' ? title : null,
    moreInfo: isObject(meta) && typeof meta.url === 'string' ? meta.url : null,
  };
}
