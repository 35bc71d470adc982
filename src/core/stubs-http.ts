/** The stub and scenario controls over HTTP (`/__standin/stubs…`, `/__standin/scenarios…`). */
import { apiError } from '../http/errors.ts';
import type { Controls } from './controls.ts';
import { emptyResponse, jsonResponse } from './responses.ts';
import type { StubInput } from './stubs.ts';
import type { PlainRequest, PlainResponse } from './types.ts';

const NO_STORE = { 'cache-control': 'no-store' };
const route = (path: string, name: string) => new RegExp(`^${name}/?$`, 'i').test(path);
const STUB_ID = /^\/stubs\/([^/]+)\/?$/i;
const SCENARIO_NAME = /^\/scenarios\/([^/]+)\/?$/i;

function decoded(raw: string, what: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw apiError(
      'INVALID_PARAMETER',
      `the ${what} ${JSON.stringify(raw.slice(0, 200))} is not valid percent-encoding`,
      {
        parameter: field,
      },
    );
  }
}

/**
 * Answers the stub and scenario controls, or null for another path or method (the caller's 404
 * or 405). `jsonBody` reads the request's JSON body or throws the 415.
 */
export async function dispatchStubControl(
  req: PlainRequest,
  path: string,
  controls: Controls,
  jsonBody: (req: PlainRequest) => unknown,
): Promise<PlainResponse | null> {
  const { method } = req;
  const read = method === 'GET' || method === 'HEAD';
  if (route(path, '/stubs')) {
    if (read) return jsonResponse(200, { stubs: await controls.listStubs() }, NO_STORE);
    if (method === 'POST') {
      return jsonResponse(201, await controls.addStub(jsonBody(req) as StubInput), NO_STORE);
    }
    if (method === 'DELETE') {
      await controls.removeStubs();
      return emptyResponse(204, NO_STORE);
    }
    return null;
  }
  const stubId = STUB_ID.exec(path);
  if (stubId && method === 'DELETE') {
    const id = decoded(stubId[1]!, 'stub id', 'id');
    if (!(await controls.removeStub(id)))
      throw apiError('NOT_FOUND', `no stub ${JSON.stringify(id.slice(0, 200))}`);
    return emptyResponse(204, NO_STORE);
  }
  if (route(path, '/scenarios')) {
    return read ? jsonResponse(200, { scenarios: await controls.listScenarios() }, NO_STORE) : null;
  }
  if (route(path, '/scenarios/reset') && method === 'POST') {
    await controls.resetScenarios();
    return emptyResponse(204, NO_STORE);
  }
  const scenario = SCENARIO_NAME.exec(path);
  if (scenario && method === 'PUT') {
    const name = decoded(scenario[1]!, 'scenario name', 'name');
    const body = jsonBody(req);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw apiError('INVALID_PARAMETER', 'the body must be a JSON object such as {"state":"Started"}', {
        parameter: 'body',
      });
    }
    const unknown = Object.keys(body).find((k) => k !== 'state');
    if (unknown !== undefined) {
      throw apiError(
        'INVALID_PARAMETER',
        `unknown field ${JSON.stringify(unknown.slice(0, 50))}; send {"state": "…"}`,
        {
          parameter: unknown.slice(0, 50),
        },
      );
    }
    return jsonResponse(
      200,
      await controls.setScenarioState(name, (body as { state: string }).state),
      NO_STORE,
    );
  }
  return null;
}
