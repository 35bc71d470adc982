/**
 * The mock controls under /__standin/: health, settings, reset, the request journal and faults.
 * Every answer is JSON; an error is `{ code, message, field?, allowed? }`.
 */
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import type { SettingsStore } from '../config/settings.ts';
import { applySettingsPatch } from './admin-settings.ts';
import { ApiError, apiError, toApiError } from './errors.ts';
import type { FaultRules } from './fault-rules.ts';
import type { Journal } from './journal.ts';
import { singleParam } from './params.ts';
import { bodyLimit } from './security.ts';
import { VENDORS, type VendorName } from './vendor.ts';

/** Control bodies are a few hundred bytes; anything near this is a mistake or an attack. */
const CONTROL_BODY_LIMIT_BYTES = 64 * 1024;

/** The controls and the methods each answers, for 405s and the 404 listing. */
const CONTROLS: Record<string, string[]> = {
  '/health': ['GET'],
  '/settings': ['GET', 'PUT'],
  '/reset': ['POST'],
  '/requests': ['GET', 'DELETE'],
  '/faults': ['GET', 'POST', 'DELETE'],
  '/faults/:id': ['DELETE'],
};

/** What the controls act on; all of it belongs to one app. */
export interface AdminState {
  settings: SettingsStore;
  journal: Journal;
  faults: FaultRules;
}

/** A 400 that names the field, and the values allowed when there is a list. */
class ControlError extends ApiError {
  constructor(
    message: string,
    readonly field: string,
    readonly allowed?: readonly string[],
  ) {
    super('INVALID_PARAMETER', message, 400, field);
  }
}

/** The parsed JSON body, or a 415 when the client sent something else. */
function jsonBody(req: Request): unknown {
  if (req.body === undefined) {
    throw apiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as JSON with "Content-Type: application/json"');
  }
  return req.body;
}

const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = toApiError(err);
  const body: Record<string, unknown> = { code: e.code, message: e.message };
  if (err instanceof ControlError) {
    body.field = err.field;
    if (err.allowed) body.allowed = err.allowed;
  } else if (e.parameter !== undefined) {
    body.field = e.parameter;
  }
  res.status(e.status).json(body);
};

/** Builds the controls router; mount it behind `adminGuard` at `/__standin`. */
export function createAdminRouter(state: AdminState): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    // Control answers describe live state; a cached one would mislead a test.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Refused from Content-Length alone: express.json would read (and drop) the whole oversized body
  // before answering, so a 50 MB upload held the connection until every byte had arrived.
  router.use(
    bodyLimit(CONTROL_BODY_LIMIT_BYTES, (_req, res) => {
      res.status(413).json({
        code: 'PAYLOAD_TOO_LARGE',
        message: `the request body is larger than ${CONTROL_BODY_LIMIT_BYTES} bytes; control bodies are small JSON objects`,
      });
    }),
  );
  router.use(express.json({ limit: CONTROL_BODY_LIMIT_BYTES }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/settings', (_req, res) => {
    res.json(state.settings.get());
  });
  router.put('/settings', (req, res) => {
    const result = applySettingsPatch(state.settings.get(), jsonBody(req));
    if (!result.ok)
      throw new ControlError(result.problem.message, result.problem.field, result.problem.allowed);
    state.settings.set(result.settings);
    res.json(state.settings.get());
  });

  router.post('/reset', (_req, res) => {
    state.settings.reset();
    state.faults.clear();
    state.journal.clear();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const vendor = singleParam(req.query, 'vendor');
    if (vendor !== undefined && !(VENDORS as readonly string[]).includes(vendor)) {
      throw new ControlError(`vendor must be one of ${VENDORS.join(', ')}`, 'vendor', VENDORS);
    }
    res.json({ requests: state.journal.list(vendor as VendorName | undefined) });
  });
  router.delete('/requests', (_req, res) => {
    state.journal.clear();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json({ rules: state.faults.list() });
  });
  router.post('/faults', (req, res) => {
    const result = state.faults.add(jsonBody(req));
    if (!result.ok) throw new ControlError(result.problem.message, result.problem.field);
    res.status(201).json(result.rule);
  });
  router.delete('/faults', (_req, res) => {
    state.faults.clear();
    res.status(204).end();
  });
  router.delete('/faults/:id', (req, res) => {
    const id = req.params.id!;
    if (!state.faults.remove(id)) throw apiError('NOT_FOUND', `no fault rule ${JSON.stringify(id)}`);
    res.status(204).end();
  });

  router.use((req, res) => {
    const known = Object.entries(CONTROLS).find(([path]) =>
      path.includes(':') ? /^\/faults\/[^/]+$/.test(req.path) : path === req.path,
    );
    if (known) {
      res.setHeader('Allow', known[1].join(', '));
      res.status(405).json({
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on /__standin${req.path}; use ${known[1].join(' or ')}`,
      });
      return;
    }
    res.status(404).json({
      code: 'NOT_FOUND',
      message: `no control at /__standin${req.path.slice(0, 200)}; the controls are ${Object.keys(CONTROLS)
        .map((p) => `/__standin${p}`)
        .join(', ')}`,
    });
  });
  router.use(errorHandler);
  return router;
}
