/**
 * Reads a control's JSON body from bytes, with the rules body-parser's `express.json()` applied
 * before (so answers did not change when the controls left Express): only `application/json` is
 * read, in UTF-8; an empty body is `{}`; the text must be an object or array (strict mode).
 */
import { apiError } from '../http/errors.ts';
import type { PlainRequest } from './types.ts';

/** A JSON body starts, after whitespace, with `{` or `[` (body-parser's strict mode). */
const STRICT_START = /^[ \t\n\r]*[[{]/;

function mediaType(contentType: string | undefined): { type: string; charset: string | undefined } {
  if (contentType === undefined) return { type: '', charset: undefined };
  const [type = '', ...params] = contentType.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq >= 0 && param.slice(0, eq).trim().toLowerCase() === 'charset') {
      charset = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return { type: type.trim().toLowerCase(), charset };
}

/**
 * The parsed JSON body of a control request, or undefined when there is none to read (no body,
 * or not `application/json`): the control then answers 415.
 * @throws MALFORMED_BODY (400) for text that is not a JSON object or array; 415 for another charset
 * or a compressed body.
 */
export function readJsonBody(req: PlainRequest): unknown {
  const { type, charset } = mediaType(req.headers['content-type']);
  if (req.body === undefined || type !== 'application/json') return undefined;
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw apiError('UNSUPPORTED_MEDIA_TYPE', `unsupported charset "${charset.toUpperCase()}"`);
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') {
    throw apiError('UNSUPPORTED_MEDIA_TYPE', `unsupported content encoding "${encoding}"`);
  }
  if (req.body.byteLength === 0) return {};
  const text = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('utf8');
  if (!STRICT_START.test(text)) throw apiError('MALFORMED_BODY', 'the request body is not valid JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiError('MALFORMED_BODY', 'the request body is not valid JSON');
  }
}
