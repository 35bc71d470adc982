/**
 * Measurement 4: VoIPcube's unpaginated one-year answer for every user of a world with at least
 * 200 agents, read by a client as fast as it can: bytes/s, and how much the server's resident
 * memory grows while it answers (sampled from /proc/<pid>/status).
 */
import { type BenchContext, VOIPCUBE_PATH } from '../lib/context.ts';
import { countBody, expectOk, fetchBody } from '../lib/http-get.ts';
import { type Measurement, measurement } from '../lib/report.ts';
import { readMemory, sampleRss } from '../lib/rss.ts';
import { startStandin, withServer } from '../lib/servers.ts';

export const STREAM_AGENTS = 250;
const MB = 2 ** 20;

/**
 * The widest window VoIPcube allows ending on the anchor's last millisecond: `to` minus one
 * calendar year, which the mock accepts ("exactly one year passes").
 */
export function oneYearEndingOn(anchor: string): { from: string; to: string } {
  const [year, month, day] = anchor.split('-').map(Number) as [number, number, number];
  const to = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  const from = new Date(Date.UTC(year - 1, month - 1, day, 23, 59, 59, 999));
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Starts a ≥200-agent world, streams the year once, and returns the measurement row. */
export async function measureStreaming(ctx: BenchContext, rowsPerTicket: number): Promise<Measurement> {
  // Few tickets: only the status logs matter here, and they follow the agents' working days.
  const size = { agents: STREAM_AGENTS, days: 420, tickets: Math.ceil(10_000 / rowsPerTicket) };
  ctx.log(`streaming: ${STREAM_AGENTS}-agent world…`);
  return withServer(
    () => startStandin({ size }),
    async (standin) => {
      const { from, to } = oneYearEndingOn(standin.ready.anchor);
      const base = `${standin.origin}${VOIPCUBE_PATH}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      // A paginated request first: the route and its code are warm, the answer is not.
      expectOk('voipcube first page', await fetchBody(`${base}&page=1&size=10`, ctx.voipcubeHeaders));
      await standin.gc();
      const before = readMemory(standin.pid)?.rss ?? 0;
      const sampler = sampleRss(standin.pid, 5);
      const answer = await countBody(base, ctx.voipcubeHeaders);
      const rss = sampler.stop();
      expectOk('voipcube one-year answer', answer);
      const growth = Math.max(0, rss.max - before);
      ctx.log(
        `streaming: ${(answer.bytes / MB).toFixed(0)} MB in ${(answer.ms / 1000).toFixed(1)} s, ` +
          `RSS ${(before / MB).toFixed(0)} → max ${(rss.max / MB).toFixed(0)} MB over ${rss.samples} samples`,
      );
      return measurement({
        id: 'streaming.voipcube-year',
        title: `VoIPcube one year, every user, unpaginated (${standin.ready.agents} agents, ${standin.ready.statusLogs.toLocaleString('en-US')} logs in the world)`,
        figures: {
          'B/s': answer.bytes / (answer.ms / 1000),
          'answer bytes': answer.bytes,
          'ms to first byte': answer.firstByteMs,
          'RSS before bytes': before,
          'RSS max during bytes': rss.max,
        },
        ratioLabel: 'RSS growth MB',
        ratio: growth / MB,
        target: { op: '<', value: 100, unit: ' MB' },
      });
    },
  );
}
