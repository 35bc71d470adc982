/**
 * fast-check arbitraries for hostile requests: values of every wrong type and size, prototype keys,
 * broken percent-encoding, repeated parameters, odd methods and content types, oversized bodies —
 * mixed with valid values so that the deeper code paths are reached too.
 */
import fc from 'fast-check';
import type { Req } from './helpers.ts';

/** Keys that pollute a prototype when a parser assigns them naively. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  '__proto__.polluted',
  'hasOwnProperty',
  'toString',
] as const;

/** Percent sequences that do not decode: truncated, non-hex, overlong and invalid UTF-8. */
const BAD_ESCAPES = [
  '%',
  '%z',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%FF',
  '%ED%A0%80',
  '%F8%88%80%80%80',
  '%00',
  '%%',
];

/** Percent-encodes what the client would refuse to send (outside \x21-\xff, and the delimiters). */
function escapeForUrl(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code < 0x21 || code > 0x7e || ch === '#' || ch === '&' || ch === '=' || ch === '?') {
      try {
        out += encodeURIComponent(ch);
      } catch {
        out += '%ED%A0%80'; // a lone surrogate: send the bytes a broken encoder would produce
      }
    } else out += ch;
  }
  return out;
}

/** A hostile or ordinary text value, not yet encoded. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '0',
      '-1',
      '1e3',
      '1.5',
      '0x10',
      'NaN',
      'Infinity',
      'null',
      'undefined',
      'true',
      '[]',
      '{}',
      '[object Object]',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      '../../etc/passwd',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as text
      '${7*7}',
      '\u0000',
      '\r\nX-Injected: 1',
      '😀',
      '\uFEFF1',
      '١٢٣',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 6000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 2000 }).map((n) => '9'.repeat(n)) },
);

/** A value as it goes on the wire: escaped, raw with broken escapes, or spliced with a bad escape. */
export const wireValue = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: valid.map(escapeForUrl) },
    { weight: 4, arbitrary: hostileText.map(escapeForUrl) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...BAD_ESCAPES))
        .map(([v, bad]) => `${escapeForUrl(v)}${bad}`),
    },
    // Latin-1 characters go out as single bytes: invalid UTF-8 on the wire.
    { weight: 1, arbitrary: fc.constantFrom('\u00e9', '\u00ff\u00fe', 'caf\u00e9', '\u00c3\u0028') },
  );

/** Everything one endpoint's query may carry: its own keys with valid values, and hostile keys. */
export interface QuerySpec {
  /** The endpoint's parameters and a valid value for each. */
  params: Record<string, fc.Arbitrary<string>>;
}

/** A query string: parameters in any order, repeated, missing, with hostile keys and values. */
export function queryString(spec: QuerySpec): fc.Arbitrary<string> {
  const names = Object.keys(spec.params);
  const own = fc
    .constantFrom(...names)
    .chain((name) => fc.tuple(fc.constant(name), wireValue(spec.params[name]!)));
  const foreignKey = fc.oneof(
    fc.constantFrom(...PROTO_KEYS),
    hostileText.filter((k) => k.length < 200).map(escapeForUrl),
    fc.constantFrom(...names).map((n) => `${n}[]`),
    fc.constantFrom(...names).map((n) => `${n}[0]`),
    fc.constantFrom(...names).map((n) => n.toUpperCase()),
  );
  const foreign = fc.tuple(foreignKey, wireValue(fc.string({ maxLength: 10 })));
  const pair = fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: foreign });
  return fc
    .tuple(
      fc.array(pair, { maxLength: 8 }),
      // A valid query most of the time, so the handlers get past the first check.
      fc.record(
        Object.fromEntries(
          names.map((n) => [n, fc.option(spec.params[n]!.map(escapeForUrl), { nil: undefined })]),
        ),
      ),
      fc.constantFrom('&', '&&', ';'),
      fc.boolean(),
    )
    .map(([pairs, valid, sep, bare]) => {
      const parts = Object.entries(valid)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${v}`);
      for (const [k, v] of pairs) parts.push(bare && v === '' ? k : `${k}=${v}`);
      return parts.length === 0 ? '' : `?${parts.join(sep)}`;
    });
}

/** Methods: mostly GET, then every odd one a client may send (CONNECT is left to the raw tests). */
export const method: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('GET') },
  { weight: 1, arbitrary: fc.constantFrom('HEAD', 'OPTIONS') },
  { weight: 2, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH') },
  { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'LOCK', 'QUERY', 'COPY') },
);

/** Content types: right, wrong, malformed, with hostile parameters. */
export const contentType: fc.Arbitrary<string> = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/*',
  '*/*',
  '',
  ';;;',
  'application/json; __proto__=x',
  'application/vnd.api+json',
);

/** JSON bodies: prototype keys, deep nesting, wrong types. */
export const jsonBody: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"enneo":{"__proto__":{"polluted":true}}}',
      '{"enneo":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"prototype":{"polluted":true}}',
      '[{"__proto__":{"polluted":true}}]',
      'null',
      '"text"',
      '42',
      '[]',
      '{}',
      '{"a":',
      '{"a":1,"a":2}',
      '\uFEFF{}',
      '{"enneo":null}',
      '{"enneo":[]}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
);

/** A body: none, JSON of every shape, or one declared past every limit (vendors 1 MB, controls 64 kB). */
export const body: fc.Arbitrary<Pick<Req, 'body' | 'declaredLength'>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 3, arbitrary: jsonBody.map((b) => ({ body: b })) },
  // Only declared: the server must refuse it from Content-Length alone, before reading a byte.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(64 * 1024 + 1, 1024 * 1024 + 1, 50 * 1024 * 1024)
      .map((n) => ({ declaredLength: n })),
  },
);

/** Extra headers: long, odd, prototype-named, repeated. Always below Node's 16 kB header limit. */
export const extraHeaders: fc.Arbitrary<Record<string, string | string[]>> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'accept',
          'accept-encoding',
          'x-forwarded-for',
          'forwarded',
          'x-http-method-override',
          'range',
          'if-none-match',
          'origin',
          'expect',
          'transfer-encoding-x',
        ),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'x-a'),
      ),
      fc.oneof(
        fc.constantFrom(
          '*/*',
          'text/csv',
          'gzip, br',
          '127.0.0.1',
          'DELETE',
          'bytes=0-10',
          'bytes=999999-',
          '*',
          'null',
          '100-continue-x',
        ),
        fc.integer({ min: 100, max: 8000 }).map((n) => 'h'.repeat(n)),
        fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      ),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => Object.fromEntries(pairs));

/** `Prefer` headers: mostly absent; garbage; rarely an asked-for fault (the only allowed 5xx). */
export const prefer: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'code=abc',
      'code=200',
      'code=99999',
      'delay=-1',
      'delay=1e9',
      'fault=explode',
      'code=503, fault=reset',
      'return=minimal',
      'code',
      '=,=,;',
      'code="404"',
      'delay=2',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('code=503', 'code=500', 'code=429', 'code=404, delay=1') },
);

/** A generated request, with the 5xx it asked for through `Prefer: code=…` (the only 5xx allowed). */
export type HostileReq = Req & { asked?: number };

/**
 * Requests for one endpoint: a third are clean (GET, valid credentials and query) so that the
 * handlers' deeper paths run; the rest mix every hostile part with valid and wrong credentials.
 */
export function vendorRequest(opts: {
  path: fc.Arbitrary<string>;
  params: Record<string, fc.Arbitrary<string>>;
  required?: string[];
  auth: {
    valid: fc.Arbitrary<Record<string, string | string[]>>;
    wrong: fc.Arbitrary<Record<string, string | string[]>>;
  };
}): fc.Arbitrary<HostileReq> {
  const clean = fc
    .record({
      path: opts.path,
      auth: opts.auth.valid,
      query: fc.record(
        Object.fromEntries(
          Object.entries(opts.params).map(([k, v]) => [
            k,
            opts.required?.includes(k) ? v : fc.option(v, { nil: undefined }),
          ]),
        ),
      ),
    })
    .map(({ path, auth, query }) => {
      const search = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
      );
      const text = search.toString();
      return { method: 'GET', path: text ? `${path}?${text}` : path, headers: auth };
    });
  const hostile = fc
    .record({
      method,
      path: opts.path,
      query: queryString({ params: opts.params }),
      auth: fc.oneof(opts.auth.valid, opts.auth.wrong),
      extra: extraHeaders,
      prefer,
      body,
      contentType: fc.option(contentType, { nil: undefined }),
    })
    .map((r): HostileReq => {
      const headers: Record<string, string | string[]> = { ...r.extra, ...r.auth };
      if (r.prefer !== undefined) headers.prefer = r.prefer;
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      const asked = r.prefer && /^code=(\d+)(,|$)/.exec(r.prefer);
      return {
        method: r.method,
        path: `${r.path}${r.query}`,
        headers,
        ...r.body,
        ...(asked ? { asked: Number(asked[1]) } : {}),
      };
    });
  return fc.oneof({ weight: 1, arbitrary: clean }, { weight: 2, arbitrary: hostile });
}
