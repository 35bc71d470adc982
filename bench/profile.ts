/**
 * Profiles one bench scenario: starts standin in a child, records a V8 CPU profile of the server
 * while the bench's load runs (the inspector's Profiler, i.e. what `--cpu-prof` records, minus
 * start-up), and prints where the server's CPU time went (self time by function and by file).
 * `generate` profiles world generation and start-up under `node --cpu-prof` instead.
 * The .cpuprofile is kept under bench/results/profiles/ for Chrome DevTools. The load comes from
 * the bench's generator (wrk when installed, else autocannon), pinned to the other CPU than the
 * server's, as in the peer comparison, so that the profile is of a saturated server.
 *
 *   npx tsx bench/profile.ts page|small|deep|json1000|csv|xlsx|voipcube|generate [--seconds N] [--tickets N]
 *
 * `page` and `small` are the peer comparison's two answers: the export page (JSON, limit=100) and
 * the ~1 KB VoIPcube page of 10 status logs. `voipcube` is a year of status logs, streamed.
 *
 * `deep` is the scale case: offset 990,000 by date of a world of `--tickets` tickets (give about
 * 560000 for 1,000,000 rows).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultEnneoToken } from '../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../src/config/credentials.ts';
import { installCleanup } from './lib/children.ts';
import { exportUrl, smallVoipcubeUrl, VOIPCUBE_PATH } from './lib/context.ts';
import { type CpuProfile, formatHotspots, hotspots, inclusiveByFile } from './lib/cpu-profile.ts';
import { generate, pickGenerator } from './lib/generator.ts';
import { countBody } from './lib/http-get.ts';
import { startStandin } from './lib/servers.ts';
import { oneYearEndingOn } from './measures/streaming.ts';

const SCENARIOS = ['page', 'small', 'deep', 'json1000', 'csv', 'xlsx', 'voipcube', 'generate'] as const;
type Scenario = (typeof SCENARIOS)[number];

async function main(): Promise<void> {
  installCleanup();
  const { values, positionals } = parseArgs({
    options: { seconds: { type: 'string', default: '8' }, tickets: { type: 'string', default: '40000' } },
    allowPositionals: true,
  });
  const scenario = positionals[0] as Scenario;
  if (!SCENARIOS.includes(scenario)) throw new Error(`scenario must be one of ${SCENARIOS.join(', ')}`);
  const seconds = Number(values.seconds);
  const dir = fileURLToPath(new URL('./results/profiles/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const since = Date.now();

  const size =
    scenario === 'generate' || scenario === 'deep'
      ? { agents: 400, days: 420, tickets: Number(values.tickets) }
      : scenario === 'voipcube'
        ? { agents: 250, days: 420, tickets: 5_000 }
        : undefined;
  // `generate` profiles start-up itself (--cpu-prof, written at exit); the rest only the load phase.
  const flags = scenario === 'generate' ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
  const standin = await startStandin(size ? { size } : {}, flags, 600_000);
  let written = join(dir, `${scenario}-${since}.cpuprofile`);
  try {
    const enneo = { authorization: `Bearer ${await defaultEnneoToken(DEFAULT_CREDENTIALS.enneo.jwtSecret)}` };
    if (scenario === 'voipcube') {
      const { from, to } = oneYearEndingOn(standin.ready.anchor);
      const url = `${standin.origin}${VOIPCUBE_PATH}?from=${from}&to=${to}`;
      await standin.startProfile();
      for (let i = 0; i < 3; i++) await countBody(url, { key: DEFAULT_CREDENTIALS.voipcube.key });
      await standin.stopProfile(written);
    } else if (scenario !== 'generate') {
      const query: Record<string, string | number> =
        scenario === 'page'
          ? { limit: 100, format: 'json' }
          : scenario === 'deep'
            ? { limit: 100, offset: standin.ready.exportRows - 100, orderByField: 'date', format: 'json' }
            : { limit: 1000, format: scenario === 'json1000' ? 'json' : scenario };
      const options =
        scenario === 'small'
          ? {
              url: smallVoipcubeUrl(standin.origin, standin.ready.anchor),
              headers: { key: DEFAULT_CREDENTIALS.voipcube.key },
            }
          : { url: exportUrl(standin.origin, query), headers: enneo };
      const generator = pickGenerator();
      if (generator.warning) process.stderr.write(`${generator.warning}\n`);
      const run = (runSeconds: number) =>
        generate(generator.kind, { ...options, connections: 50, seconds: runSeconds });
      await run(2);
      await standin.startProfile();
      const result = await run(seconds);
      await standin.stopProfile(written);
      process.stderr.write(
        `profile: ${result.reqPerSec.toFixed(0)} req/s (${generator.kind}), ${result.failures} failures\n`,
      );
    }
  } finally {
    await standin.stop();
  }
  if (scenario === 'generate') {
    // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the server; others are tsx's loader.
    const main = readdirSync(dir)
      .filter((name) => new RegExp(`^CPU\\.\\d+\\.\\d+\\.${standin.pid}\\.0\\.\\d+\\.cpuprofile$`).test(name))
      .map((name) => join(dir, name))[0];
    if (!main) throw new Error(`no .cpuprofile of process ${standin.pid} in ${dir}`);
    written = main;
  }
  const profile = JSON.parse(readFileSync(written, 'utf8')) as CpuProfile;
  const { functions, files } = hotspots(profile, 25);
  process.stdout.write(`profile: ${written}\n\nself time by function:\n${formatHotspots(functions)}\n\n`);
  process.stdout.write(`self time by file:\n${formatHotspots(files)}\n\n`);
  process.stdout.write(`time by file, including callees:\n${formatHotspots(inclusiveByFile(profile, 25))}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `profile failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
