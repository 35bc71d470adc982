/**
 * The packaging test (`npm run test:package`, run by .ci/run after `npm test`): packs standin as
 * npm publishes it, installs the tarball into an empty project, and checks there what a new user
 * does — the CLI, a server and its health, credentials, a strict verify, a plain-node import, a
 * consumer's `tsc`, stopping through npm — then stopping `npm start` in this clone. Ends with
 * "N passed, M failed" and exits 1 when anything failed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Finished, portFreed, run, type Serving, startServing } from './lib/proc.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'standin-package-'));
const project = join(work, 'consumer');
let passed = 0;
let failed = 0;

/** Runs one named check; a thrown Error is its failure message. */
async function check(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${(err as Error).message.replaceAll('\n', '\n  ')}`);
  }
}

function expectExit(res: Finished, code: number, what: string): void {
  if (res.code !== code) {
    throw new Error(
      `${what} exited ${res.code}, expected ${code}\nstdout: ${res.stdout.slice(-2000)}\nstderr: ${res.stderr.slice(-2000)}`,
    );
  }
}

function assert(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** Total size in bytes of the files under `dir`. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Sends SIGTERM to the process npm/npx runs as, then expects it to end and the port to be free. */
async function stopsOnSigterm(serving: Serving, what: string): Promise<void> {
  serving.child.kill('SIGTERM');
  const code = await Promise.race([
    serving.exited,
    new Promise((r) => setTimeout(() => r('timeout'), 15_000)),
  ]);
  assert(code !== 'timeout', `${what} did not exit within 15 s of SIGTERM`);
  assert(
    await portFreed(serving.port),
    `port ${serving.port} still accepts connections after ${what} exited`,
  );
}

let tarball = '';
let serving: Serving | undefined;
const npx = (args: string[], timeoutMs?: number) =>
  run('npx', ['--no', '--', 'standin', ...args], project, timeoutMs);

await check('npm pack builds dist/ (prepare) and ships only the whitelisted files', async () => {
  const res = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT, 300_000);
  expectExit(res, 0, 'npm pack');
  const json = res.stdout.slice(res.stdout.search(/^\[/m));
  const [info] = JSON.parse(json) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (!info) throw new Error('npm pack printed no package');
  tarball = join(work, info.filename);
  const paths = info.files.map((f) => f.path);
  for (const needed of [
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/src/cli/bin.js',
    'contracts/enneo.yaml',
    'LICENSE',
    'README.md',
  ]) {
    assert(paths.includes(needed), `the tarball lacks ${needed}`);
  }
  const stray = paths.filter(
    (p) =>
      /^(src|test|bench|mocks|scripts|\.ci|examples)\//.test(p) ||
      (p.startsWith('fixtures/') && !/^fixtures\/(people|meta)\.json$/.test(p)),
  );
  assert(
    stray.length === 0,
    `the tarball carries ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ' …' : ''}`,
  );
  console.log(`  packed ${mb(info.size)}, unpacked ${mb(info.unpackedSize)}, ${paths.length} files`);
});

await check('installs into an empty project', async () => {
  expectExit(await run('mkdir', ['-p', project], work), 0, 'mkdir');
  expectExit(await run('npm', ['init', '-y'], project), 0, 'npm init');
  const res = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball],
    project,
    600_000,
  );
  expectExit(res, 0, 'npm install <tarball>');
  console.log(`  node_modules ${mb(sizeOf(join(project, 'node_modules')))}`);
});

await check('npx standin --help lists the commands', async () => {
  const res = await npx(['--help']);
  expectExit(res, 0, '--help');
  for (const cmd of ['serve', 'credentials', 'token', 'fixtures', 'verify'])
    assert(res.stdout.includes(cmd), `--help does not list ${cmd}`);
});

let key = '';
let enneoToken = '';
let autozodToken = '';
await check('npx standin credentials --json prints the documented shape', async () => {
  const res = await npx(['credentials', '--json']);
  expectExit(res, 0, 'credentials --json');
  const creds = JSON.parse(res.stdout) as {
    enneo: { token: string; cookie: string };
    voipcube: { key: string };
    autozod: { token: string };
  };
  assert(
    creds.enneo.cookie.startsWith('connect.sid=') && creds.enneo.token.split('.').length === 3,
    'enneo credentials are malformed',
  );
  key = creds.voipcube.key;
  enneoToken = creds.enneo.token;
  autozodToken = creds.autozod.token;
  assert(key.length > 0 && creds.autozod.token.length > 0, 'voipcube/autozod credentials are empty');
});

await check('npx standin serve --port 0 answers /__standin/health', async () => {
  serving = await startServing('npx', ['--no', '--', 'standin', 'serve', '--port', '0'], project);
  const res = await fetch(`${serving.origin}/__standin/health`);
  assert(res.status === 200, `health answered ${res.status}`);
});

await check(
  'npx standin verify --vendor voipcube --strict exits 0 against it, and writes JUnit',
  async () => {
    if (!serving) throw new Error('no server (see above)');
    const junit = join(work, 'verify.xml');
    const args = [
      'verify',
      '--vendor',
      'voipcube',
      '--base-url',
      `${serving.origin}/voipcube`,
      '--key',
      key,
      '--strict',
      '--rate',
      '0',
    ];
    const res = await npx([...args, '--reporter', 'junit', '--output', junit]);
    expectExit(res, 0, 'verify');
    assert(readFileSync(junit, 'utf8').includes('<testsuite'), 'the JUnit report has no <testsuite>');
  },
);

await check('verify --strict exits 0 for enneo (json reporter) and autozod (console reporter)', async () => {
  if (!serving) throw new Error('no server (see above)');
  const common = ['--strict', '--rate', '0'];
  const enneo = await npx([
    'verify',
    '--vendor',
    'enneo',
    '--base-url',
    `${serving.origin}/enneo/api/mind`,
    '--token',
    enneoToken,
    ...common,
    '--reporter',
    'json',
  ]);
  expectExit(enneo, 0, 'verify --vendor enneo');
  const report = JSON.parse(enneo.stdout) as { totals: { pass: number; fail: number } };
  assert(report.totals.pass > 0 && report.totals.fail === 0, `enneo totals ${JSON.stringify(report.totals)}`);
  const autozod = await npx([
    'verify',
    '--vendor',
    'autozod',
    '--base-url',
    `${serving.origin}/autozod`,
    '--token',
    autozodToken,
    ...common,
  ]);
  expectExit(autozod, 0, 'verify --vendor autozod');
  assert(/\d+ passed, 0 failed/.test(autozod.stdout), `autozod printed: ${autozod.stdout.slice(-300)}`);
});

await check('SIGTERM to npx standin serve stops the server and frees the port', async () => {
  if (!serving) throw new Error('no server (see above)');
  await stopsOnSigterm(serving, 'npx standin serve');
});

await check('plain node imports standin (ESM, no loader) and runs startServer + runVerify', async () => {
  const script = `import { createApp, generateWorld, runVerify, startServer } from 'standin';
import pkg from 'standin/package.json' with { type: 'json' };
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
if (typeof createApp !== 'function' || typeof generateWorld !== 'function') throw new Error('exports missing');
if (!existsSync(fileURLToPath(import.meta.resolve('standin/contracts/voipcube.yaml')))) throw new Error('no contract');
const server = await startServer({ agents: 2, days: 10, tickets: 10 });
const report = await runVerify({ vendor: 'voipcube', baseUrl: server.url + '/voipcube', key: 'standin-voipcube-dev-key', strict: true, rate: 0 });
await server.close();
console.log(JSON.stringify({ version: pkg.version, exitCode: report.exitCode, failed: report.summary.failed }));
`;
  writeFileSync(join(project, 'check.mjs'), script);
  const res = await run(process.execPath, ['check.mjs'], project);
  expectExit(res, 0, 'node check.mjs');
  const out = JSON.parse(res.stdout) as { exitCode: number; failed: number };
  assert(out.exitCode === 0 && out.failed === 0, `runVerify reported ${res.stdout}`);
});

await check(
  'standin/fetch and standin/msw (with msw 2 installed) answer the same bytes in-process',
  async () => {
    const res0 = await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', 'msw@2'],
      project,
      600_000,
    );
    expectExit(res0, 0, 'npm install msw@2');
    const script = `import { generateWorld } from 'standin';
import { createFetchHandler } from 'standin/fetch';
import { createHandlers } from 'standin/msw';
import { setupServer } from 'msw/node';
const world = generateWorld({ seed: 7, anchor: '2025-09-30', size: { agents: 3, days: 10, tickets: 20 } });
const query = '/stats/user-statuses?from=2025-09-29&to=2025-09-30';
const headers = { Key: 'standin-voipcube-dev-key' };
const handle = createFetchHandler({ world });
const viaFetch = await handle(new Request('http://standin.test/voipcube' + query, { headers }));
const { handlers } = createHandlers({ world });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const viaMsw = await fetch('https://customer.voipcube.nl' + query, { headers });
server.close();
const [a, b] = [await viaFetch.text(), await viaMsw.text()];
console.log(JSON.stringify({ statuses: [viaFetch.status, viaMsw.status], same: a === b, rows: JSON.parse(a).length }));
`;
    writeFileSync(join(project, 'doors.mjs'), script);
    const res = await run(process.execPath, ['doors.mjs'], project);
    expectExit(res, 0, 'node doors.mjs');
    const out = JSON.parse(res.stdout) as { statuses: number[]; same: boolean; rows: number };
    assert(out.statuses.join() === '200,200' && out.same && out.rows > 0, `the doors answered ${res.stdout}`);
  },
);

await check(
  "a consumer's tsc (tsc --init, module NodeNext) type-checks the imports with zero errors",
  async () => {
    expectExit(await run(process.execPath, [TSC, '--init'], project), 0, 'tsc --init');
    const source = `import { createApp, type RunningServer, runVerify, startServer, type VerifyReport } from 'standin';
import { createFetchHandler } from 'standin/fetch';
import { createHandlers } from 'standin/msw';
const app = createApp();
const handle: (request: Request) => Promise<Response> = createFetchHandler();
const { handlers } = createHandlers();
const server: RunningServer = await startServer({ port: 0, seed: 7 });
const report: VerifyReport = await runVerify({ vendor: 'voipcube', baseUrl: \`\${server.url}/voipcube\`, key: 'k', strict: true });
const failed: number = report.summary.failed;
await server.close();
export { app, failed, handle, handlers };
`;
    writeFileSync(join(project, 'index.ts'), source);
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...pkg, type: 'module' }, null, 2));
    const res = await run(
      process.execPath,
      [TSC, '--noEmit', '-p', '.', '--module', 'nodenext', '--moduleResolution', 'nodenext'],
      project,
    );
    expectExit(res, 0, 'tsc');
    assert(res.stdout.trim() === '', `tsc printed: ${res.stdout}`);
  },
);

await check(
  'a command failing for an internal reason exits 70 with one line (fast-check removed)',
  async () => {
    rmSync(join(project, 'node_modules', 'fast-check'), { recursive: true, force: true });
    const res = await npx([
      'verify',
      '--vendor',
      'voipcube',
      '--base-url',
      'http://127.0.0.1:9/voipcube',
      '--key',
      'k',
    ]);
    expectExit(res, 70, 'verify without fast-check');
    assert(
      /^standin: internal error, not a verdict \(exit 70\): .*fast-check/.test(res.stderr),
      `stderr: ${res.stderr}`,
    );
    assert(res.stderr.trim().split('\n').length === 1, `more than one line: ${res.stderr}`);
  },
);

await check('SIGTERM to npm start (in this clone) stops the server and frees the port', async () => {
  assert(existsSync(join(ROOT, 'dist', 'src', 'cli', 'bin.js')), 'dist/ was not built');
  const started = await startServing('npm', ['start', '--', '--port', '0'], ROOT);
  const res = await fetch(`${started.origin}/__standin/health`);
  assert(res.status === 200, `health answered ${res.status}`);
  await stopsOnSigterm(started, 'npm start');
});

if (serving && serving.child.exitCode === null) serving.child.kill('SIGKILL');
if (failed === 0) rmSync(work, { recursive: true, force: true });
else console.log(`(kept ${work} for inspection)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
