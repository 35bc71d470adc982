/** Stopping with npm: a server started by `npm start` / `npx` stops when npm's shell goes away. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stopWithNpm, type WatchedProcess } from '../../src/cli/launcher.ts';

function fakeProcess(env: NodeJS.ProcessEnv) {
  const kills: [number, string][] = [];
  const proc: WatchedProcess & { ppid: number } = {
    ppid: 100,
    pid: 200,
    env,
    kill: (pid, signal) => kills.push([pid, signal]),
  };
  return { proc, kills };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stopWithNpm', () => {
  it('sends itself one SIGTERM once npm started it and its parent is gone', () => {
    const { proc, kills } = fakeProcess({ npm_lifecycle_event: 'start' });
    expect(stopWithNpm(proc)).toBeTypeOf('function');
    vi.advanceTimersByTime(1000);
    expect(kills).toEqual([]);
    proc.ppid = 1; // re-parented: sh and npm were killed
    vi.advanceTimersByTime(1000);
    expect(kills).toEqual([[200, 'SIGTERM']]);
  });

  it('watches nothing when not started by npm (a shell, Docker, systemd)', () => {
    const { proc, kills } = fakeProcess({});
    expect(stopWithNpm(proc)).toBeUndefined();
    proc.ppid = 1;
    vi.advanceTimersByTime(1000);
    expect(kills).toEqual([]);
  });

  it('stops watching when told to', () => {
    const { proc, kills } = fakeProcess({ npm_lifecycle_event: 'npx' });
    stopWithNpm(proc)?.();
    proc.ppid = 1;
    vi.advanceTimersByTime(1000);
    expect(kills).toEqual([]);
  });
});
