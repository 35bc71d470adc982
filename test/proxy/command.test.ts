/**
 * `standin proxy` as a user runs it: it says where it listens, forwards with Standin-Violations,
 * and on SIGINT writes the report and the HAR and exits with verify's codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, run } from '../cli/helpers.ts';
import {
  allSecrets,
  credentialHeaders,
  editJson,
  type Running,
  startBroken,
  startStandin,
} from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/standin.js', import.meta.url));

let standin: Running;
let dir: string;

beforeAll(async () => {
  standin = await startStandin();
  dir = mkdtempSync(join(tmpdir(), 'standin-proxy-cli-'));
});
afterAll(async () => {
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `standin proxy --port 0 …`, waits for its start line, and returns its URL and how to stop it. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'proxy', '--port', '0', ...args], {
    cwd: ROOT,
    env: cleanEnv(),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line; stderr: ${stderr}`)), 20_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = / through (http:\/\/[^\s]+) /.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

describe('standin proxy (the command)', () => {
  it('in front of a broken upstream: the header counts, SIGINT writes the report and the HAR, exit 1', async () => {
    const upstream = await startBroken(standin, async (path, ask) =>
      editJson(await ask(path), (logs) =>
        (logs as Record<string, unknown>[]).map((l) => ({ ...l, userId: 'nobody' })),
      ),
    );
    const har = join(dir, 'session.har');
    const proxy = startCli([
      '--vendor',
      'voipcube',
      '--target',
      `${upstream.origin}/voipcube`,
      '--record',
      har,
      '--reporter',
      'json',
    ]);
    const url = await proxy.url;
    const headers = await credentialHeaders();
    const r = await fetch(`${url}/stats/user-statuses?from=2025-09-01&to=2025-09-02&page=1&size=3`, {
      headers: headers.voipcube,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('standin-violations')).toBe('3');
    const { code, stdout, stderr } = await proxy.stop();
    await upstream.close();
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { exitCode: number; requests: number; totals: { fail: number } };
    expect(report).toMatchObject({ exitCode: 1, requests: 1, totals: { fail: 3 } });
    expect(stderr).toMatch(
      /#1 GET \/stats\/user-statuses → 200: 3 violation\(s\) — schema: \/0\/userId: format/,
    );
    const harText = readFileSync(har, 'utf8');
    expect((JSON.parse(harText) as { log: { entries: unknown[] } }).log.entries).toHaveLength(1);
    for (const secret of await allSecrets()) {
      expect(stdout + stderr + harText).not.toContain(secret);
    }
  }, 60_000);

  it('in front of standin: clean, exit 0; a taken port is a usage error (exit 2)', async () => {
    const proxy = startCli(['--vendor', 'voipcube', '--target', `${standin.origin}/voipcube`]);
    const url = await proxy.url;
    const headers = await credentialHeaders();
    const r = await fetch(`${url}/stats/user-statuses?from=2025-09-01&to=2025-09-02`, {
      headers: headers.voipcube,
    });
    expect(r.headers.get('standin-violations')).toBe('0');
    const port = new URL(url).port;
    const taken = await run(['proxy', '--vendor', 'voipcube', '--target', standin.origin, '--port', port]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(`port ${port} is already in use on 127.0.0.1 (try --port)`);
    const { code, stdout } = await proxy.stop();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^standin proxy — voipcube at http:\/\/127\.0\.0\.1:\d+\/voipcube/);
    expect(stdout).toContain('0 failed');
  }, 60_000);
});
