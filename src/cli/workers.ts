/**
 * `serve --workers <n|auto>`: n processes on one port through node:cluster. The primary loads no
 * world and answers nothing; it forks the workers (each a full `standin serve` of the same world),
 * relays stop signals to them, restarts one that dies after it was ready, and stops everything
 * when one cannot start. Workers share their controls only through `--state` (the shared state
 * backend), so more than one worker requires it: without it a setting, fault rule or stub would
 * hold on the worker that happened to take the control request and nowhere else.
 */
import cluster, { type Worker } from 'node:cluster';
import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { CliError, USAGE_EXIT } from './cli-error.ts';
import type { Logger } from './logger.ts';
import type { SignalSource } from './server.ts';

/** At most this many workers: far more than any machine standin runs on has cores for. */
export const MAX_WORKERS = 64;

/** A worker that keeps dying is a bug, not bad luck: after this many restarts each, stop. */
const MAX_RESTARTS_PER_WORKER = 3;

/** The env variable that carries the primary's clock to its workers (one `--anchor now` for all). */
export const CLUSTER_NOW_ENV = 'STANDIN_CLUSTER_NOW';

/** What a worker tells the primary once it listens. */
interface ReadyMessage {
  standin: 'ready';
  port: number;
}

/** What the primary tells a worker: a stop signal it received. */
interface SignalMessage {
  standin: 'signal';
  signal: 'SIGINT' | 'SIGTERM';
}

/** `--workers`: a whole number from 1 to MAX_WORKERS, or `auto` (one per available core). */
export function parseWorkers(value: string): number {
  if (value === 'auto') return Math.min(availableParallelism(), MAX_WORKERS);
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_WORKERS) {
    throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_WORKERS}, or auto.`);
  }
  return Number(value);
}

/**
 * Refuses more than one worker without a shared state, before anything starts.
 * @throws CliError (usage) naming --state.
 */
export function checkWorkers(workers: number, state: string | undefined): void {
  if (workers > 1 && state === undefined) {
    throw new CliError(
      `--workers ${workers} needs --state redis://host:port (or STANDIN_STATE): the workers must share settings, faults, stubs and the journal`,
      USAGE_EXIT,
    );
  }
}

/** True in a process forked by `--workers`. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * A worker's name in the shared journal: the replica's given name with the worker's number, so
 * that the workers of one `--replica-name` stay apart (their default, host:pid, already is).
 */
export function workerReplicaName(name: string | undefined): string | undefined {
  return name === undefined || cluster.worker === undefined ? name : `${name}/${cluster.worker.id}`;
}

/** True in the one worker that prints the banner (the first forked; a restarted one stays quiet). */
export function isBannerWorker(): boolean {
  return cluster.worker?.id === 1;
}

/**
 * A worker's stop signals: only what the primary relays. A terminal's Ctrl-C reaches every process
 * of the group; counted once by each worker and again through the primary, it would read as the
 * second, forcing Ctrl-C. The primary going away counts as SIGTERM.
 */
export function workerSignals(): SignalSource {
  const signals = new EventEmitter();
  // A signal relayed while the worker still builds its world has nobody listening yet: keep it
  // for the server's stop handler, which subscribes once listening.
  let pending: 'SIGINT' | 'SIGTERM' | null = null;
  const deliver = (signal: 'SIGINT' | 'SIGTERM') => {
    if (signals.listenerCount(signal) > 0) signals.emit(signal, signal);
    else pending = signal;
  };
  signals.on('newListener', (event: string) => {
    if (pending === null || event !== pending) return;
    const signal = pending;
    pending = null;
    setImmediate(() => signals.emit(signal, signal));
  });
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  process.on('message', (message: unknown) => {
    const m = message as Partial<SignalMessage>;
    if (m?.standin === 'signal' && (m.signal === 'SIGINT' || m.signal === 'SIGTERM')) deliver(m.signal);
  });
  process.once('disconnect', () => deliver('SIGTERM'));
  return signals as unknown as SignalSource;
}

/** Ends a stopped worker's link to the primary, which alone would keep the process alive. */
export function leaveCluster(): void {
  if (cluster.worker?.isConnected()) cluster.worker.disconnect();
}

/** Tells the primary that this worker listens. */
export function announceReady(port: number): void {
  const message: ReadyMessage = { standin: 'ready', port };
  process.send?.(message);
}

/**
 * The primary: forks `count` workers running the same command line and waits until a stop signal
 * has stopped them all (0) or one failed to start (its exit status).
 */
export function runPrimary(
  count: number,
  signals: SignalSource,
  logger: Logger,
  now: number,
): Promise<number> {
  return new Promise((resolve) => {
    const ready = new Set<number>();
    const live = new Set<Worker>();
    let stopping = false;
    let failure: number | undefined;
    let announced = false;
    let restarts = 0;

    const fork = () => {
      const worker = cluster.fork({ [CLUSTER_NOW_ENV]: String(now) });
      live.add(worker);
      worker.on('message', (message: unknown) => {
        const m = message as Partial<ReadyMessage>;
        if (m?.standin !== 'ready') return;
        ready.add(worker.id);
        if (!announced && ready.size === count) {
          announced = true;
          logger.err(
            `${count} workers (pids ${[...live].map((w) => w.process.pid).join(', ')}) answer on port ${m.port}`,
          );
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        const wasReady = ready.delete(worker.id);
        if (!stopping && !wasReady) {
          // A worker that cannot start (port taken, state refused) has already said why.
          failure ??= code ?? 1;
          stop('SIGTERM');
        } else if (!stopping && ++restarts > MAX_RESTARTS_PER_WORKER * count) {
          logger.err(
            `worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); too many restarts, stopping`,
          );
          failure ??= 1;
          stop('SIGTERM');
        } else if (!stopping) {
          logger.err(`worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another`);
          fork();
        }
        if (live.size === 0) finish();
      });
    };

    const stop = (signal: 'SIGINT' | 'SIGTERM') => {
      stopping = true;
      const message: SignalMessage = { standin: 'signal', signal };
      for (const worker of live) {
        // A worker still starting may not listen for messages yet: disconnecting it reads as
        // SIGTERM there once it does, and an unhandled SIGTERM ends it before.
        if (!ready.has(worker.id)) worker.kill('SIGTERM');
        else if (worker.isConnected()) worker.send(message);
      }
    };
    const onSignal = (signal: NodeJS.Signals) => stop(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    const finish = () => {
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      resolve(failure ?? 0);
    };

    signals.on('SIGINT', onSignal);
    signals.on('SIGTERM', onSignal);
    for (let i = 0; i < count; i++) fork();
  });
}
