import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL } from './helpers.ts';
import { cli } from './in-process.ts';

describe('standin --help', () => {
  it('lists the commands and exits 0', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    for (const cmd of ['serve', 'credentials', 'token', 'fixtures'])
      expect(res.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
  });

  it('serve --help names every flag', async () => {
    const res = await cli(['serve', '--help']);
    expect(res.code).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--seed',
      '--anchor',
      '--agents',
      '--days',
      '--tickets',
      '--fixtures',
      '--enneo-privacy',
      '--enneo-default-format',
      '--enneo-secret',
      '--enneo-session',
      '--voipcube-key',
      '--autozod-token',
      '--admin-token',
    ]) {
      expect(res.stdout).toContain(flag);
    }
    expect(res.stdout).toContain('(default: 4010, env: PORT)');
    expect(res.stdout).toContain('(default: "127.0.0.1")');
  });
});

describe('flag validation: one clear line on stderr, exit 2, no server', () => {
  it.each([
    [
      ['--port', 'abc'],
      "error: option '--port <number>' argument 'abc' is invalid. --port must be an integer from 0 to 65535.",
    ],
    [
      ['--port', '70000'],
      "error: option '--port <number>' argument '70000' is invalid. --port must be an integer from 0 to 65535.",
    ],
    [
      ['--host', 'not a host'],
      "error: option '--host <address>' argument 'not a host' is invalid. --host must be an IP address (127.0.0.1, ::1, 0.0.0.0) or a host name.",
    ],
    [
      ['--seed', '-1'],
      "error: option '--seed <integer>' argument '-1' is invalid. --seed must be an integer from 0 to 9007199254740991.",
    ],
    [
      ['--anchor', '2025-02-30'],
      "error: option '--anchor <YYYY-MM-DD|now>' argument '2025-02-30' is invalid. --anchor must be a calendar day as YYYY-MM-DD, or now.",
    ],
    [
      ['--agents', '0'],
      "error: option '--agents <count>' argument '0' is invalid. --agents must be an integer from 1 to 10000.",
    ],
    [
      ['--tickets', 'many'],
      "error: option '--tickets <count>' argument 'many' is invalid. --tickets must be an integer from 0 to 5000000.",
    ],
    [
      ['--enneo-privacy', 'secret'],
      "error: option '--enneo-privacy <level>' argument 'secret' is invalid. Allowed choices are none, partiallyPseudonymized, pseudonymized.",
    ],
    [
      ['--enneo-default-format', 'pdf'],
      "error: option '--enneo-default-format <format>' argument 'pdf' is invalid. Allowed choices are json, csv, xlsx.",
    ],
    [
      ['--voipcube-key', 'has space'],
      "error: option '--voipcube-key <key>' argument 'has space' is invalid. --voipcube-key must be 1 to 512 visible ASCII characters without spaces, quotes, commas, semicolons or backslashes.",
    ],
    [
      ['--enneo-session', 'a;b'],
      "error: option '--enneo-session <id>' argument 'a;b' is invalid. --enneo-session must be 1 to 512 visible ASCII characters without spaces, quotes, commas, semicolons or backslashes.",
    ],
    [
      ['--fixtures', 'fixtures', '--seed', '3'],
      "error: option '--fixtures <dir>' cannot be used with option '--seed <integer>'",
    ],
  ])('serve %j', async (args, message) => {
    const res = await cli(['serve', ...args]);
    expect(res.stderr).toBe(`${message}\n`);
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2);
  });

  it('a bad value from the environment names the variable', async () => {
    const res = await cli(['serve'], { PORT: 'eighty' });
    expect(res.stderr).toBe(
      "error: option '--port <number>' value 'eighty' from env 'PORT' is invalid. --port must be an integer from 0 to 65535.\n",
    );
    expect(res.code).toBe(2);
    const privacy = await cli(['serve'], { STANDIN_ENNEO_PRIVACY: 'open' });
    expect(privacy.stderr).toBe(
      "error: option '--enneo-privacy <level>' value 'open' from env 'STANDIN_ENNEO_PRIVACY' is invalid. Allowed choices are none, partiallyPseudonymized, pseudonymized.\n",
    );
    expect(privacy.code).toBe(2);
  });

  it('an unknown flag is exit 2 with a suggestion', async () => {
    const res = await cli(['serve', '--prot', '5']);
    expect(res.stderr).toBe("error: unknown option '--prot'\n(Did you mean --port?)\n");
    expect(res.code).toBe(2);
  });

  it('an unknown command is exit 2', async () => {
    const res = await cli(['serv']);
    expect(res.stderr).toBe("error: unknown command 'serv'\n(Did you mean serve?)\n");
    expect(res.code).toBe(2);
  });
});

describe('a taken port', () => {
  let blocker: Server;
  afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

  it('is one line naming the port and host, exit 2, no stack', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const res = await cli(['serve', '--port', String(port), ...SMALL]);
    expect(res.stderr).toBe(`port ${port} is already in use on 127.0.0.1 (try --port)\n`);
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2);
  });
});

describe('serve --fixtures with a bad folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-bad-fixtures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports one clear error and exits 2 without serving', async () => {
    mkdirSync(join(dir, 'empty'));
    const res = await cli(['serve', '--fixtures', join(dir, 'empty')]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^--fixtures ${join(dir, 'empty')}: `));
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file, the record and the field of a bad record', async () => {
    const out = join(dir, 'written');
    expect((await cli(['fixtures', '--out', out, ...SMALL])).code).toBe(0);
    const file = join(out, 'voipcube', 'user_statuses.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"userId":"[^"]*"/, '"userId":42'));
    const res = await cli(['serve', '--fixtures', out]);
    expect(res.stderr).toBe(
      `--fixtures ${out}: fixture ${file}: record 0, field /userId: expected string, found 42\n`,
    );
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2);
  });
});
