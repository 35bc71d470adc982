/**
 * What the journal keeps of a request or response body: text bodies (JSON, CSV, text) up to a
 * bound, binary ones (xlsx) and streamed ones only noted. Capturing must stay cheap on the hot
 * path: a body already in memory is kept up to the bound (copied when its memory is pooled and
 * reused once the answer is written, or when only a prefix is kept), a streamed body is never read
 * or buffered for the journal, and the bytes become text only when someone lists the journal.
 */
import type { Body } from '../core/types.ts';

/**
 * The most bytes of each body the journal keeps by default (request and response alike): enough
 * for a small answer whole and the head of a page; measured, 32 KiB per entry raised the CPU a
 * 118 KB export page costs by about 60 % (the copy, and the memory 1,000 retained entries hold).
 */
export const DEFAULT_JOURNAL_BODY_LIMIT = 8 * 1024;

/** A body as `GET /__standin/requests` shows it. */
export interface JournalBody {
  /** The Content-Type sent with it, or null. */
  contentType: string | null;
  /** The whole body's size in bytes, or null when it was streamed (not known in advance). */
  size: number | null;
  /** The body as UTF-8 text, credentials redacted; absent when `omitted`. */
  text?: string;
  /** True when `text` is only the first bytes of the body (the journal's body limit). */
  truncated?: boolean;
  /**
   * Why there is no text: a binary type (xlsx), a streamed answer, bodies are not kept (limit 0),
   * or a request body the door did not read (the HTTP doors read bodies of control requests only).
   */
  omitted?: 'binary' | 'streamed' | 'not kept' | 'not read';
}

/** A captured body until it is listed: the kept bytes, not yet decoded. */
export interface CapturedBody {
  contentType: string | null;
  size: number | null;
  bytes?: Uint8Array;
  /** Makes the body's bytes when they are listed, instead of `bytes`; `keep` of them are kept. */
  remake?: () => Uint8Array;
  /** With `remake`: how many of its bytes are listed (the bound). */
  keep?: number;
  truncated?: boolean;
  omitted?: JournalBody['omitted'];
}

/** JSON (also `+json`), CSV and any text/*: what a reader of the journal can use as text. */
const TEXT_TYPE = /^(text\/|application\/(json|csv|[\w.+-]*\+json)\b)/i;

/**
 * Captures `body` for the journal; null when there is none.
 * @param limit most bytes kept; 0 keeps none (only the type and size are noted)
 * @param declaredLength the request's Content-Length, for a body the door did not read
 * @param reused whether the body's memory is handed back for reuse once written (a pooled answer)
 * @param remake makes the body's bytes again (see PlainResponse.remake): then nothing is copied now
 */
export function captureBody(
  body: Body | null | undefined,
  contentType: string | undefined,
  limit: number,
  declaredLength?: string,
  reused = true,
  remake?: () => Uint8Array,
): CapturedBody | null {
  const type = contentType ?? null;
  if (body === null || body === undefined) {
    const declared = Number(declaredLength ?? 0);
    return declared > 0 ? { contentType: type, size: declared, omitted: 'not read' } : null;
  }
  if (!(body instanceof Uint8Array)) return { contentType: type, size: null, omitted: 'streamed' };
  if (body.byteLength === 0) return null;
  const size = body.byteLength;
  if (type !== null && !TEXT_TYPE.test(type)) return { contentType: type, size, omitted: 'binary' };
  if (limit === 0) return { contentType: type, size, omitted: 'not kept' };
  if (remake !== undefined) {
    // The answer's bytes are made again from immutable data when listed: no copy per request, and
    // each entry holds only what the answer was made from, not its bytes.
    return size > limit
      ? { contentType: type, size, remake, keep: limit, truncated: true }
      : { contentType: type, size, remake, keep: limit };
  }
  // A whole body that nobody reuses is kept as it is (no copy); a pooled one is copied, since its
  // memory is reused once written, and so is a prefix, so as not to hold the whole big answer.
  const bytes = !reused && size <= limit ? body : new Uint8Array(body.subarray(0, Math.min(size, limit)));
  return size > limit
    ? { contentType: type, size, bytes, truncated: true }
    : { contentType: type, size, bytes };
}

const decoder = new TextDecoder();

/** The bytes a captured body keeps (made again now when it was captured by `remake`). */
export function capturedBytes(captured: CapturedBody): Uint8Array | undefined {
  return captured.bytes ?? captured.remake?.().subarray(0, captured.keep);
}

/** The captured body as listed: decoded (a character cut at the bound shows as U+FFFD) and redacted. */
export function listedBody(captured: CapturedBody, redact: (text: string) => string): JournalBody {
  const out: JournalBody = { contentType: captured.contentType, size: captured.size };
  const bytes = capturedBytes(captured);
  if (bytes !== undefined) {
    out.text = redact(decoder.decode(bytes));
    if (captured.truncated) out.truncated = true;
  }
  if (captured.omitted !== undefined) out.omitted = captured.omitted;
  return out;
}
