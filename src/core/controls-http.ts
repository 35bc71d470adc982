/**
 * The controls over HTTP, under /__standin/: health, settings, reset, the request journal and
 * faults. Every answer is JSON; an error is `{ code, message, field?, allowed? }`. Framework-free:
 * every door (Express, fetch, MSW) answers the controls through this.
 */
import { adminRefusal } from '../http/admin-guard.ts';
import { ApiError, apiError, toApiError } from '../http/errors.ts';
import { ControlError } from './control-error.ts';
import type { Controls, FaultRuleInput, SettingsOverrides } from './controls.ts';
import { readJsonBody } from './json-body.ts';
import { redactStrings } from './redact-body.ts';
import { DEFAULT_WAIT_MS, filterFromQuery, type WaitFilter } from './request-filter.ts';
import { emptyResponse, jsonResponse } from './responses.ts';
import { dispatchStubControl } from './stubs-http.ts';
import type { PlainRequest, PlainResponse } from './types.ts';

/** Control bodies are a few hundred bytes; anything near this is a mistake or an attack. */
export const CONTROL_BODY_LIMIT_BYTES = 64 * 1024;

/** The controls and the methods each answers, for 405s and the 404 listing. */
const CONTROLS: Record<string, string[]> = {
  '/health': ['GET'],
  '/settings': ['GET', 'PUT'],
  '/reset': ['POST'],
  '/requests': ['GET', 'DELETE'],
  '/requests/count': ['GET'],
  '/requests/wait': ['GET'],
  '/faults': ['GET', 'POST', 'DELETE'],
  '/faults/:id': ['DELETE'],
  '/stubs': ['GET', 'POST', 'DELETE'],
  '/stubs/:id': ['DELETE'],
  '/scenarios': ['GET'],
  '/scenarios/reset': ['POST'],
  '/scenarios/:name': ['PUT'],
};

const NO_STORE = { 'cache-control': 'no-store' };

/** Who may use the controls: loopback callers, or, once an admin token is set, whoever presents it. */
export interface ControlsAccess {
  adminToken?: string | undefined;
  /** Masks secrets in text that error answers echo (the one error exit's redaction). */
  mask: (text: string) => string;
}

/** The parsed JSON body, or a 415 when the client sent something else. */
function jsonBody(req: PlainRequest): unknown {
  const body = readJsonBody(req);
  if (body === undefined) {
    throw apiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as JSON with "Content-Type: application/json"');
  }
  return body;
}

/** A control error as `{ code, message, field?, allowed? }`. */
export function controlErrorBody(err: unknown): { status: number; body: Record<string, unknown> } {
  const e = toApiError(err);
  const body: Record<string, unknown> = { code: e.code, message: e.message };
  if (err instanceof ControlError) {
    body.field = err.field;
    if (err.allowed) body.allowed = err.allowed;
  } else if (e.parameter !== undefined) {
    body.field = e.parameter;
  }
  return { status: e.status, body };
}

// Matched as Express matched them before: case-insensitive, an optional trailing slash.
const route = (path: string, name: string) => new RegExp(`^${name}/?$`, 'i').test(path);
const FAULT_ID = /^\/faults\/([^/]+)\/?$/i;

async function dispatch(req: PlainRequest, path: string, controls: Controls): Promise<PlainResponse | null> {
  const { method } = req;
  const read = method === 'GET' || method === 'HEAD';
  if (read && route(path, '/health')) return jsonResponse(200, await controls.health(), NO_STORE);
  if (route(path, '/settings')) {
    if (read) return jsonResponse(200, await controls.getSettings(), NO_STORE);
    if (method === 'PUT') {
      const settings = await controls.putSettings(jsonBody(req) as SettingsOverrides);
      return jsonResponse(200, settings, NO_STORE);
    }
  }
  if (method === 'POST' && route(path, '/reset')) {
    await controls.reset();
    return emptyResponse(204, NO_STORE);
  }
  if (read && route(path, '/requests/count')) {
    const count = await controls.countRequests(filterFromQuery(req.query, false));
    return jsonResponse(200, { count }, NO_STORE);
  }
  if (read && route(path, '/requests/wait')) {
    const wait = { ...filterFromQuery(req.query, true), signal: req.signal } as WaitFilter;
    const { arrived, count, requests } = await controls.waitForRequests(wait);
    if (arrived) return jsonResponse(200, { count, requests }, NO_STORE);
    return jsonResponse(
      408,
      {
        code: 'TIMEOUT',
        message: `${count} of ${wait.count} matching requests arrived within ${wait.timeoutMs ?? DEFAULT_WAIT_MS} ms`,
        count,
        requests,
      },
      NO_STORE,
    );
  }
  if (route(path, '/requests')) {
    if (read) {
      const requests = await controls.listRequests(filterFromQuery(req.query, false));
      return jsonResponse(200, { requests }, NO_STORE);
    }
    if (method === 'DELETE') {
      await controls.clearRequests();
      return emptyResponse(204, NO_STORE);
    }
  }
  if (route(path, '/faults')) {
    if (read) return jsonResponse(200, { rules: await controls.listFaultRules() }, NO_STORE);
    if (method === 'POST') {
      return jsonResponse(201, await controls.addFaultRule(jsonBody(req) as FaultRuleInput), NO_STORE);
    }
    if (method === 'DELETE') {
      await controls.removeFaultRules();
      return emptyResponse(204, NO_STORE);
    }
  }
  const faultId = FAULT_ID.exec(path);
  if (faultId && method === 'DELETE') {
    let id: string;
    try {
      id = decodeURIComponent(faultId[1]!);
    } catch {
      const shown = JSON.stringify(faultId[1]!.slice(0, 200));
      throw apiError('INVALID_PARAMETER', `the fault rule id ${shown} is not valid percent-encoding`, {
        parameter: 'id',
      });
    }
    if (!(await controls.removeFaultRule(id))) {
      throw apiError('NOT_FOUND', `no fault rule ${JSON.stringify(id)}`);
    }
    return emptyResponse(204, NO_STORE);
  }
  return dispatchStubControl(req, path, controls, jsonBody);
}

/** The 405 (known control, other method) or 404 (no such control) for what dispatch did not answer. */
function unanswered(
  req: PlainRequest,
  path: string,
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const known = Object.entries(CONTROLS).find(([name]) =>
    name.includes(':') ? new RegExp(`^${name.replace(/:\w+/, '[^/]+')}$`).test(path) : name === path,
  );
  if (known) {
    return {
      status: 405,
      body: {
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on /__standin${path}; use ${known[1].join(' or ')}`,
      },
      headers: { ...NO_STORE, allow: known[1].join(', ') },
    };
  }
  return {
    status: 404,
    body: {
      code: 'NOT_FOUND',
      message: `no control at /__standin${path.slice(0, 200)}; the controls are ${Object.keys(CONTROLS)
        .map((p) => `/__standin${p}`)
        .join(', ')}`,
    },
    headers: NO_STORE,
  };
}

/**
 * Answers one control request. `path` is relative to /__standin (`/settings`). Errors are answered
 * here, already in the controls' shape; the caller redacts error bodies like every other.
 */
export async function handleControl(
  req: PlainRequest,
  path: string,
  controls: Controls,
  access: ControlsAccess,
): Promise<PlainResponse> {
  // Health tells nothing but "up", and probes must reach it: a kubelet calls from the node's
  // address, a Docker HEALTHCHECK without the admin token. Every other control is guarded.
  const open = (req.method === 'GET' || req.method === 'HEAD') && route(path, '/health');
  const refused = open
    ? null
    : adminRefusal(access.adminToken, {
        authorization: req.headers.authorization,
        remoteAddress: req.remoteAddress,
      });
  const failure = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    jsonResponse(status, redactStrings(body, access.mask), headers);
  if (refused !== null) return failure(403, { code: 'FORBIDDEN', message: refused });
  // Refused from Content-Length alone: reading an oversized body first would hold the connection
  // until every byte had arrived.
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > CONTROL_BODY_LIMIT_BYTES || (req.body?.byteLength ?? 0) > CONTROL_BODY_LIMIT_BYTES) {
    return failure(
      413,
      {
        code: 'PAYLOAD_TOO_LARGE',
        message: `the request body is larger than ${CONTROL_BODY_LIMIT_BYTES} bytes; control bodies are small JSON objects`,
      },
      { ...NO_STORE, connection: 'close' },
    );
  }
  try {
    const answer = await dispatch(req, path, controls);
    if (answer !== null) return answer;
    const { status, body, headers } = unanswered(req, path);
    return failure(status, body, headers);
  } catch (err) {
    if (!(err instanceof ApiError) && toApiError(err).status >= 500) throw err;
    const { status, body } = controlErrorBody(err);
    return failure(status, body, NO_STORE);
  }
}
