/**
 * `serve --replay`: a recorded answer answers its exact request byte for byte (after standin's own
 * auth), everything else comes from the world, and the journal marks what was replayed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { type Har, loadReplays } from '../../src/har/index.ts';
import { startProxy } from '../../src/proxy/index.ts';
import { SMALL, serve } from '../cli/helpers.ts';
import { credentialHeaders, DEV, type Running, smallWorld, startStandin } from './helpers.ts';

const RECORDED = '/stats/user-statuses?from=2025-09-01&to=2025-09-02&page=1&size=3';
const OTHER = '/stats/user-statuses?from=2025-09-01&to=2025-09-02&page=2&size=3';
/** What the recording says instead of the world's logs, so a replayed answer is told apart. */
const EDITED =
  '[{"status":"Recorded","userId":"0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e","time":"2025-09-01T08:00:00.000Z"}]';

let standin: Running;
let dir: string;
let file: string;

beforeAll(async () => {
  standin = await startStandin();
  dir = mkdtempSync(join(tmpdir(), 'standin-replay-'));
  file = join(dir, 'rec.har');
  const proxy = await startProxy({
    vendor: 'voipcube',
    target: `${standin.origin}/voipcube`,
    port: 0,
    record: file,
  });
  await (
    await fetch(`${proxy.url}${RECORDED}`, { headers: (await credentialHeaders()).voipcube })
  ).arrayBuffer();
  await proxy.close();
  const har = JSON.parse(readFileSync(file, 'utf8')) as Har;
  har.log.entries[0]!.response.content.text = EDITED;
  writeFileSync(file, JSON.stringify(har));
});
afterAll(async () => {
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve --replay', () => {
  it('answers the recorded request byte for byte, others from the world, and refuses a caller without the key', async () => {
    const replay = loadReplays([{ name: 'rec.har', text: readFileSync(file, 'utf8') }]);
    expect(replay.answers.size).toBe(1);
    const app = createApp({ world: smallWorld(), replay });
    const plain = createApp({ world: smallWorld() });

    const replayed = await request(app).get(`/voipcube${RECORDED}`).set('Key', DEV.voipcube.key);
    expect(replayed.status).toBe(200);
    expect(replayed.text).toBe(EDITED);
    expect(replayed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(replayed.headers['standin-replayed']).toBe('rec.har#1');

    const other = await request(app).get(`/voipcube${OTHER}`).set('Key', DEV.voipcube.key);
    const world = await request(plain).get(`/voipcube${OTHER}`).set('Key', DEV.voipcube.key);
    expect(other.text).toBe(world.text);
    expect(other.headers['standin-replayed']).toBeUndefined();

    const refused = await request(app).get(`/voipcube${RECORDED}`);
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain('Recorded');

    const journal = await request(app).get('/__standin/requests');
    expect(journal.body.requests.map((r: { replayed?: string }) => r.replayed)).toEqual([
      'rec.har#1',
      undefined,
      undefined,
    ]);
  });

  it('the command takes --replay and says how many answers it replays', async () => {
    const server = await serve([...SMALL, '--replay', file]);
    try {
      expect(server.stderr()).toContain(`replaying 1 recorded answer(s) from ${file}`);
      const r = await fetch(`${server.origin}/voipcube${RECORDED}`, { headers: { key: DEV.voipcube.key } });
      expect(await r.text()).toBe(EDITED);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);
});
