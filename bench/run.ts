/**
 * `npm run bench`: every measurement of issue 10 in one run, on loopback, one after another.
 * Prints a table on stdout (progress goes to stderr) and writes bench/results/latest.json.
 * Exits non-zero only when something crashed; a missed target is printed as MISSED, not fatal.
 *
 * Options: `--only page,formats,validation,streaming,scale` runs a subset;
 * `--seconds N` shortens every load run (for trying the bench out, not for figures to publish).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultEnneoToken } from '../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../src/config/credentials.ts';
import { installCleanup, killAllChildrenNow } from './lib/children.ts';
import type { BenchContext } from './lib/context.ts';
import {
  type BenchReport,
  busyMachineWarning,
  formatTable,
  type Measurement,
  missedLines,
  skipped,
} from './lib/report.ts';
import { startStandin, withServer } from './lib/servers.ts';
import { exportPageRows, measureExportPage } from './measures/export-page.ts';
import { measureFormats } from './measures/formats.ts';
import { measureScale } from './measures/scale.ts';
import { measureStreaming } from './measures/streaming.ts';
import { measureValidation } from './measures/validation.ts';

const SECTIONS = ['page', 'formats', 'validation', 'streaming', 'scale'] as const;
type Section = (typeof SECTIONS)[number];

/** The whole bench must end within this; past it every child is killed and the run fails. */
const DEADLINE_MS = 10 * 60_000;
/** Rows per ticket until the default world tells us (the generator yields about 1.8). */
const ROWS_PER_TICKET_GUESS = 1.8;

function options(): { only: Set<Section>; seconds: number | undefined } {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, seconds: { type: 'string' } },
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
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds > 0)) {
    throw new Error('--seconds must be a positive integer');
  }
  return { only, seconds };
}

async function main(): Promise<number> {
  installCleanup();
  const deadline = setTimeout(() => {
    process.stderr.write(`bench: over ${DEADLINE_MS / 60_000} minutes; stopping every server\n`);
    killAllChildrenNow();
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  const { only, seconds } = options();
  const started = new Date();
  const loadAtStart = loadavg()[0]!;
  const ctx: BenchContext = {
    connections: 50,
    seconds: {
      headline: seconds ?? 10,
      formats: seconds ?? 5,
      scale: seconds ?? 4,
      warmUp: 1,
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

  await section(['page', 'formats'], 'Export page and formats (default world)', () =>
    withServer(
      () => startStandin({}),
      async (standin) => {
        rowsPerTicket = standin.ready.exportRows / standin.ready.size.tickets;
        ctx.log(`default world: ${standin.ready.exportRows} export rows, started`);
        const rows: Measurement[] = [];
        if (only.has('page')) {
          const { page, bare, prism } = await measureExportPage(ctx, standin);
          rows.push(...exportPageRows(page, bare, prism));
        }
        if (only.has('formats')) rows.push(...(await measureFormats(ctx, standin)));
        return rows;
      },
    ),
  );
  await section(['validation'], 'Contract validation', async () => [
    await measureValidation(ctx, rowsPerTicket),
  ]);
  await section(['streaming'], 'VoIPcube streaming', async () => [
    await measureStreaming(ctx, rowsPerTicket),
  ]);
  await section(['scale'], 'Scale: 1M-row world', () => measureScale(ctx, rowsPerTicket));

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
    settings: { connections: ctx.connections, seconds: ctx.seconds },
    measurements,
  };
  const resultsDir = new URL('./results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(new URL('latest.json', resultsDir), `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(`${formatTable(measurements)}\n\n`);
  const busy = busyMachineWarning(report.machine.loadAverage, report.machine.cpus);
  if (busy) process.stdout.write(`${busy}\n`);
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
