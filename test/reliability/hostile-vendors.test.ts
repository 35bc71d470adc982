/**
 * Hostile input on every vendor endpoint (issue 9): a few hundred generated requests per endpoint
 * in `npm test`, thousands under `npm run test:deep`, seeded; never answer 5xx unless a fault was asked for, never drop or hang, always name the
 * problem in a 4xx, change no settings or fault rules, and pollute no prototype.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../support/depth.ts';
import { vendorEndpoints } from './endpoints.ts';
import { vendorRequest } from './generators.ts';
import {
  createClient,
  DEV,
  enneoToken,
  errorMessage,
  prototypeKeys,
  type Running,
  seedFor,
  startServer,
} from './helpers.ts';

/** Requests per endpoint: STANDIN_DEEP=1 or STANDIN_FUZZ_RUNS raise it for a longer hunt. */
const RUNS = fuzzRuns({ quick: 300, deep: 3000 });

const token = await enneoToken();
const endpoints = vendorEndpoints(token);

let running: Running;
let client: ReturnType<typeof createClient>;
const protoBefore = prototypeKeys();

/** What the documented controls show, and what the sample requests answer: must not move. */
async function observable(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of ['/__standin/settings', '/__standin/faults']) {
    out[path] = (await client.send({ method: 'GET', path })).body.toString();
  }
  out.enneo = (
    await client.send({
      method: 'GET',
      path: endpoints[0]!.sample,
      headers: { authorization: `Bearer ${token}` },
    })
  ).body.toString();
  out.ticket = (
    await client.send({
      method: 'GET',
      path: endpoints[1]!.sample,
      headers: { authorization: `Bearer ${token}` },
    })
  ).body.toString();
  out.voipcube = (
    await client.send({ method: 'GET', path: endpoints[2]!.sample, headers: { key: DEV.voipcube.key } })
  ).body.toString();
  out.autozod = (
    await client.send({
      method: 'GET',
      path: endpoints[3]!.sample,
      headers: { authorization: `Bearer ${DEV.autozod.token}` },
    })
  ).body.toString();
  // Hashes keep a failure's diff short.
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, createHash('sha256').update(v).digest('hex').slice(0, 16)]),
  );
}

let before: Record<string, string>;

beforeAll(async () => {
  running = await startServer();
  client = createClient(running.port);
  before = await observable();
});

afterAll(async () => {
  client?.close();
  await running?.close();
});

describe.each(endpoints.map((e, i) => [e.name, i] as const))('%s under hostile input', (name, i) => {
  it(`never answers 5xx, drops or hangs, and every 4xx names its problem (${RUNS} requests)`, async () => {
    const endpoint = endpoints[i]!;
    const arb = vendorRequest(endpoint);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arb, async (req) => {
        const res = await client.send(req);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.dropped) throw new Error(`connection dropped: ${res.dropped}`);
        if (res.status >= 500) {
          expect(res.status, 'a 5xx only when asked for with Prefer').toBe(req.asked);
        }
        if (res.status >= 400 && req.method !== 'HEAD') {
          expect(
            errorMessage(res.body),
            `4xx body names the problem: ${res.body.toString().slice(0, 200)}`,
          ).toBeDefined();
        }
      }),
      { seed: seedFor(name, 9_000 + i), numRuns: RUNS },
    );
    const seen = [...statuses.entries()].sort((a, b) => a[0] - b[0]);
    process.stdout.write(`[reliability] ${name}: statuses ${JSON.stringify(Object.fromEntries(seen))}\n`);
    // The generators must reach the handlers, not only the first check: some requests succeed.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 20);
    expect(running.internalErrors).toEqual([]);
  });
});

describe('after every vendor endpoint was fuzzed', () => {
  it('settings, fault rules and the sample answers are as before', async () => {
    expect(await observable()).toEqual(before);
  });

  it('no prototype gained a key', () => {
    expect(prototypeKeys()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the server still answers its health check', async () => {
    const res = await client.send({ method: 'GET', path: '/__standin/health' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ status: 'ok' });
  });
});
