import { redact as redactSecret } from '../../config/credentials.ts';
import { mediaTypeRule, schemaRule, statusRule } from '../exchange/rules/response.ts';
import type { Contract } from '../loader.ts';
import type { HttpClient, HttpResponse, RequestSpec } from './http-client.ts';
import { readingOf } from './shared/rule-check.ts';
import { expectSchemaLines } from './shared/schema-findings.ts';
import type { AuthMode, CheckContext, CheckName, EndpointRef, Finding, Target } from './types.ts';

/** `GET /path` — how findings name an endpoint. */
export function endpointName(ref: EndpointRef): string {
  return `${ref.method.toUpperCase()} ${ref.path}`;
}

/** The headers that carry the target's own credentials, per vendor. */
export function credentialHeaders(target: Target): Record<string, string> {
  const { token, cookie, key } = target.credentials;
  switch (target.vendor) {
    case 'enneo': {
      if (token) return { authorization: `Bearer ${token}` };
      if (cookie) return { cookie: cookie.includes('=') ? cookie : `connect.sid=${cookie}` };
      return {};
    }
    case 'voipcube':
      return key ? { key } : {};
    case 'autozod':
      return token ? { authorization: `Bearer ${token}` } : {};
  }
}

/** Every secret of the target, longest first, so that redaction never leaves a tail. */
function secretsOf(target: Target): string[] {
  const { token, cookie, key } = target.credentials;
  const values = [token, cookie, key, cookie?.split('=').slice(1).join('=')].filter(
    (v): v is string => typeof v === 'string' && v.length >= 4,
  );
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** Builds the context that checks run in; findings are pushed onto `findings`. */
export function createContext(opts: {
  target: Target;
  contract: Contract;
  strict: boolean;
  seed: number;
  client: HttpClient;
  findings: Finding[];
  /** Hints for the user, in the order first given. */
  hints: string[];
  /** Only these checks are recorded (all when absent or empty). */
  checks?: readonly CheckName[];
}): CheckContext {
  const { target, contract, strict, client, findings, hints } = opts;
  const only = opts.checks?.length ? new Set(opts.checks) : undefined;
  const selected = (check: CheckName) => !only || only.has(check);
  const hint = (text: string) => {
    const redacted = redact(text);
    if (!hints.includes(redacted)) hints.push(redacted);
  };
  const secrets = secretsOf(target);
  const redact = (text: string) => {
    let out = text;
    for (const s of secrets) out = out.split(s).join(redactSecret(s));
    return out;
  };

  const expect: CheckContext['expect'] = (check, endpoint, title, ok, more = {}) => {
    // A check the run was not asked for is still computed (a step may depend on it) but not reported.
    if (!selected(check)) return ok;
    const outcome = ok ? 'pass' : more.assumed && !strict ? 'warn' : 'fail';
    const finding: Finding = { check, endpoint: endpointName(endpoint), outcome, title: redact(title) };
    if (!ok && more.message) finding.message = redact(more.message);
    if (!ok && more.details?.length) finding.details = more.details.slice(0, 20).map(redact);
    if (more.request) finding.request = redact(more.request);
    if (more.assumed) finding.assumed = true;
    findings.push(finding);
    return ok;
  };

  const skip = (check: CheckName, endpoint: EndpointRef, title: string, message: string) => {
    if (!selected(check)) return;
    findings.push({
      check,
      endpoint: endpointName(endpoint),
      outcome: 'skip',
      title,
      message: redact(message),
    });
  };

  async function call(
    endpoint: EndpointRef,
    spec: RequestSpec,
    auth: AuthMode = 'valid',
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: '*/*', ...spec.headers };
    if (auth === 'valid') Object.assign(headers, credentialHeaders(target));
    else if (auth !== 'none') Object.assign(headers, auth.headers);
    const response = await client.get({ ...spec, headers });
    observe(endpoint, response);
    return response;
  }

  /**
   * Status, content type and (for JSON) schema of every response the suite sees, judged by the
   * response rules `proxy` and `validate` judge exchanges by.
   */
  function observe(endpoint: EndpointRef, response: HttpResponse): void {
    const op = contract.operation(endpoint.method, endpoint.path);
    const request = redact(response.url);
    const reading = readingOf(response, op);
    const status = String(response.status);
    const [undocumented] = statusRule(reading) ?? [];
    expect('status', endpoint, `status ${status} is documented`, !undocumented, {
      message: undocumented?.message ?? '',
      request,
    });
    if (undocumented || op.mediaTypes(status).length === 0) return;
    const [media] = mediaTypeRule(reading) ?? [];
    expect('status', endpoint, `content type of a ${status} is documented`, !media, {
      message: media?.message ?? '',
      request,
      assumed: op.isAssumedStatus(status),
    });
    // csv and xlsx rows are the format checks' to judge.
    if (media || reading.format !== 'json' || !selected('schema')) return;
    const found = schemaRule(reading, { options: {} }) ?? [];
    if (found[0]?.rule === 'readable') {
      expect('schema', endpoint, `a ${status} body is valid JSON`, false, {
        message: found[0].message,
        request,
      });
      return;
    }
    // A problem inside an assumed part of the schema (a shape the doc leaves open) only warns.
    expectSchemaLines(
      ctx,
      endpoint,
      {
        firm: `a ${status} body matches the contract`,
        assumed: `a ${status} body matches the assumed parts of the contract`,
      },
      {
        firm: found.filter((v) => !v.assumed).map((v) => v.message),
        assumed: found.filter((v) => v.assumed).map((v) => v.message),
      },
      { request },
    );
  }

  const ctx: CheckContext = {
    target,
    contract,
    strict,
    seed: opts.seed,
    client,
    call,
    expect,
    skip,
    hint,
    selected,
    redact,
  };
  return ctx;
}
