/**
 * The real executable, spawned once per command: what runCli's in-process tests cannot see is the
 * wiring in main.ts and bin/ — the process's streams, its environment, its signals and its exit
 * status. Everything else about each command is tested in-process (credentials, flags, serve).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { afterAll, describe, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import { FIXTURE_FILES, writeFixtures } from '../../src/world/fixtures.ts';
import { generateWorld } from '../../src/world/index.ts';
import { run, type Serving, SMALL, serve } from './helpers.ts';

const key = (secret: string) => new TextEncoder().encode(secret);
const dir = mkdtempSync(join(tmpdir(), 'standin-smoke-'));
let serving: Serving | undefined;

afterAll(async () => {
  if (serving && serving.child.exitCode === null && serving.child.signalCode === null) {
    serving.child.kill('SIGKILL');
    await serving.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

// Each run is its own process: they run side by side, so the file takes as long as the longest.
describe.concurrent('the standin executable', () => {
  it('serve: serves what its banner says, verify passes against it, and SIGTERM exits 0', async ({
    expect,
  }) => {
    serving = await serve(SMALL, { STANDIN_VOIPCUBE_KEY: 'smoke-key-from-env' });
    const { origin, banner, child, exited } = serving;
    expect(banner.join('\n')).toContain(
      `  VoIPcube  ${origin}/voipcube\n              Key: smoke-key-from-env`,
    );
    const res = await fetch(`${origin}/voipcube/stats/user-statuses?from=2025-09-29&to=2025-09-30`, {
      headers: { Key: 'smoke-key-from-env' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toBeInstanceOf(Array);

    // verify, the fifth command, against the server just started: its own process, its exit status.
    const verified = await run(
      ['verify', '--vendor', 'voipcube', '--base-url', `${origin}/voipcube`, '--rate', '0', '--strict'],
      { VOIPCUBE_KEY: 'smoke-key-from-env' },
      60_000,
    );
    // The console reporter shows its progress on stderr, one PASS line per check.
    expect(
      verified.stderr
        .trim()
        .split('\n')
        .every((line) => /^\[\d+\/\d+\] PASS /.test(line)),
    ).toBe(true);
    expect(verified.stderr).not.toContain('smoke-key-from-env');
    expect(verified.stdout).toMatch(/^\d+ passed, 0 failed, 0 warned, 0 skipped — \d+ requests/m);
    expect(verified.stdout).not.toContain('smoke-key-from-env');
    expect(verified.code).toBe(0);

    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(serving.stderr()).toBe('SIGTERM: stopping\n');
  });

  it('credentials --json: one line on stdout from the environment, exit 0', async ({ expect }) => {
    const res = await run(['credentials', '--json'], { STANDIN_AUTOZOD_TOKEN: 'smoke-autozod-token' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')).toHaveLength(2);
    expect(JSON.parse(res.stdout).autozod).toEqual({ token: 'smoke-autozod-token' });
  });

  it('token enneo: a JWT that verifies with the development secret', async ({ expect }) => {
    const res = await run(['token', 'enneo', '--user', '7']);
    expect(res.code).toBe(0);
    const { payload } = await jwtVerify(res.stdout.trim(), key(DEFAULT_CREDENTIALS.enneo.jwtSecret), {
      algorithms: ['HS256'],
    });
    expect(payload).toMatchObject({ sub: '7', userId: 7 });
  });

  it('fixtures: writes the folder, byte for byte what this process generates, and says where', async ({
    expect,
  }) => {
    const out = join(dir, 'fixtures');
    const res = await run(['fixtures', '--out', out, '--seed', '5', '--anchor', '2025-06-30', ...SMALL]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(`wrote fixtures for seed 5, anchor 2025-06-30 to ${out}\n`);
    expect(res.code).toBe(0);
    // The same options in this process write the same bytes: generation depends on nothing but them.
    const here = join(dir, 'in-process');
    await writeFixtures(
      generateWorld({ seed: 5, anchor: '2025-06-30', size: { agents: 2, days: 10, tickets: 10 } }),
      here,
    );
    for (const file of Object.values(FIXTURE_FILES)) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(here, file))), file).toBe(true);
    }
  });

  it('a bad value from the environment: one line on stderr, nothing on stdout, exit 2', async ({
    expect,
  }) => {
    const res = await run(['serve'], { PORT: 'eighty' });
    expect(res.stderr).toBe(
      "error: option '--port <number>' value 'eighty' from env 'PORT' is invalid. --port must be an integer from 0 to 65535.\n",
    );
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2);
  });
});
