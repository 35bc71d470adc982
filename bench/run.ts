/**
 * `npm run bench`: every measurement in one run, on loopback, one after another. Servers run in
 * their own processes pinned to CPU 0, the load generator (wrk, else autocannon with a warning)
 * on CPU 1. Prints a table on stdout (progress goes to stderr) and writes
 * bench/results/latest.json. Exits non-zero only when something crashed; a missed target is
 * printed as MISSED, not fatal.
 *
 * Options: `--only peers,formats,startup,validation,streaming,scale,workers` runs a subset;
 * `--seconds N` sets every load run's length; `--rounds N` the peer comparison's rounds.
 * Environment: BENCH_QUICK=1 runs everything short (about a minute, the 1M-row world skipped) —
 * for development, not for figures to publish; BENCH_WIREMOCK_WARMUP=<s> (default 30).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultEnneoToken } from '../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../src/config/credentials.ts';
import { installCleanup, killAllChildrenNow } from './lib/children.ts';
import type { BenchContext } from './lib/context.ts';
import { cpuShare, readProcStat } from './lib/cpu.ts';
import { pickGenerator } from './lib/generator.ts';
import { formatPeerTable } from './lib/peer-table.ts';
import { PINNING_OFF } from './lib/pin.ts';
import {
  type BenchReport,
  busyMachineWarning,
  formatTable,
  type Measurement,
  missedLines,
  skipped,
} from './lib/report.ts';
import { startStandin, withServer } from './lib/servers.ts';
import { measureFormats } from './measures/formats.ts';
import { measurePeers } from './measures/peers.ts';
import { measureScale } from './measures/scale.ts';
import { measureStartup } from './measures/startup.ts';
import { measureStreaming } from './measures/streaming.ts';
import { measureValidation } from './measures/validation.ts';
import { measureWorkers } from './measures/workers.ts';

const SECTIONS = ['peers', 'formats', 'startup', 'validation', 'streaming', 'scale', 'workers'] as const;
type Section = (typeof SECTIONS)[number];

/** The whole bench must end within this; past it every child is killed and the run fails. */
const DEADLINE_MS = 25 * 60_000;
/** Rows per ticket until the default world tells us (the generator yields about 1.8). */
const ROWS_PER_TICKET_GUESS = 1.8;

/** A positive integer option or environment value, or undefined when it is not given. */
function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= 0))
    throw new Error(`${name} must be a whole number ≥ 0, not "${text}"`);
  return value;
}

function options(): { only: Set<Section>; seconds: number | undefined; rounds: number | undefined } {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, seconds: { type: 'string' }, rounds: { type: 'string' } },
    allowPositionals: false,
  });
  const only = new Set<Section>();
  for (const name of (values.only ?? SECTIONS.join(',')).split(',')) {
    const trimmed = name.trim();
    if (!(SECTIONS as readonly string[]).includes(trimmed)) {
      throw new Error(`--only: unknown section "${trimmed}"; choose from ${SECTIONS.join(', ')}`);
    }
    only.add(trimmed as Section);
  }
  const seconds = positive('--seconds', values.seconds);
  if (seconds === 0) throw new Error('--seconds must be at least 1');
  const rounds = positive('--rounds', values.rounds);
  if (rounds === 0) throw new Error('--rounds must be at least 1');
  return { only, seconds, rounds };
}

async function main(): Promise<number> {
  installCleanup();
  const deadline = setTimeout(() => {
    process.stderr.write(`bench: over ${DEADLINE_MS / 60_000} minutes; stopping every server\n`);
    killAllChildrenNow();
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  const { only, seconds, rounds } = options();
  const quick = process.env.BENCH_QUICK === '1';
  const started = new Date();
  const loadAtStart = loadavg()[0]!;
  const statAtStart = readProcStat();
  const generator = pickGenerator();
  if (generator.warning) process.stderr.write(`${generator.warning}\n`);
  if (PINNING_OFF) process.stderr.write(`WARNING: ${PINNING_OFF}\n`);
  const ctx: BenchContext = {
    generator: generator.kind,
    rounds: rounds ?? (quick ? 1 : 3),
    quick,
    connections: 50,
    seconds: {
      formats: seconds ?? (quick ? 1 : 5),
      scale: seconds ?? 4,
      warmUp: 1,
      peers: seconds ?? (quick ? 1 : 5),
      wiremockWarmUp:
        positive('BENCH_WIREMOCK_WARMUP', process.env.BENCH_WIREMOCK_WARMUP) ?? (quick ? 2 : 30),
    },
    enneoHeaders: {
      authorization: `Bearer ${await defaultEnneoToken(DEFAULT_CREDENTIALS.enneo.jwtSecret)}`,
    },
    voipcubeHeaders: { key: DEFAULT_CREDENTIALS.voipcube.key },
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };

  const measurements: Measurement[] = [];
  let crashed = false;
  let rowsPerTicket = ROWS_PER_TICKET_GUESS;
  const section = async (names: Section[], title: string, work: () => Promise<Measurement[]>) => {
    if (!names.some((name) => only.has(name))) return;
    const name = names.join('+');
    try {
      measurements.push(...(await work()));
    } catch (err) {
      crashed = true;
      const message = err instanceof Error ? err.message : String(err);
      ctx.log(`${name} crashed: ${err instanceof Error ? err.stack : message}`);
      measurements.push(skipped(`${name}.crashed`, title, `crashed: ${message}`));
    }
  };

  await section(['peers', 'formats'], 'Peers and formats (default world)', () =>
    withServer(
      () => startStandin({}),
      async (standin) => {
        rowsPerTicket = standin.ready.exportRows / standin.ready.size.tickets;
        ctx.log(`default world: ${standin.ready.exportRows} export rows, started`);
        const rows: Measurement[] = [];
        if (only.has('peers')) rows.push(...(await measurePeers(ctx, standin)));
        if (only.has('formats')) rows.push(...(await measureFormats(ctx, standin)));
        return rows;
      },
    ),
  );
  await section(['startup'], 'Start-up and verify', () => measureStartup(ctx));
  await section(['validation'], 'Contract validation', async () => [
    await measureValidation(ctx, rowsPerTicket),
  ]);
  await section(['streaming'], 'VoIPcube streaming', async () => [
    await measureStreaming(ctx, rowsPerTicket),
  ]);
  if (quick && only.has('scale')) {
    measurements.push(
      skipped('scale', 'Scale: 1M-row world', 'BENCH_QUICK=1 skips it (it takes minutes); run without it'),
    );
  } else {
    await section(['scale'], 'Scale: 1M-row world', () => measureScale(ctx, rowsPerTicket));
  }
  await section(['workers'], 'Workers and shared state', () => measureWorkers(ctx));
  const steal = cpuShare(statAtStart, readProcStat(), 'cpu');

  const report: BenchReport = {
    startedAt: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemoryMB: Math.round(totalmem() / 2 ** 20),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    },
    settings: {
      connections: ctx.connections,
      seconds: ctx.seconds,
      generator: ctx.generator,
      rounds: ctx.rounds,
      quick,
      pinning: PINNING_OFF ?? 'servers on CPU 0, generator on CPU 1 (taskset)',
      stealShare: steal?.steal ?? null,
    },
    measurements,
  };
  const resultsDir = new URL('./results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(`${formatTable(measurements)}\n\n`);
  const peerTable = formatPeerTable(measurements);
  if (peerTable)
    process.stdout.write(
      `Peer comparison (same bytes; servers on one core, ${ctx.generator} on the other):\n\n${peerTable}\n\n`,
    );
  const busy = busyMachineWarning(report.machine.loadAverage, report.machine.cpus);
  if (busy) process.stdout.write(`${busy}\n`);
  process.stdout.write(
    `generator: ${ctx.generator}; ${report.settings.pinning}; steal ${((steal?.steal ?? 0) * 100).toFixed(1)}% of all CPU time over the run` +
      `${quick ? '; BENCH_QUICK=1: short runs, figures for development only' : ''}\n`,
  );
  if (generator.warning) process.stdout.write(`${generator.warning}\n`);
  const missed = missedLines(measurements);
  for (const line of missed) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `${missed.length === 0 ? 'every judged target passed' : `${missed.length} target(s) MISSED`}; ` +
      `${report.durationSeconds.toFixed(0)} s in all; written to bench/results/latest.json\n`,
  );
  clearTimeout(deadline);
  return crashed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `bench crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    killAllChildrenNow();
    process.exitCode = 1;
  },
);
