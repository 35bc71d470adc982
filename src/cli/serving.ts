/**
 * Opening the server `standin serve` and `startServer()` share: the world (fixtures or generated),
 * the app with its settings and credentials, the listening port. The callers differ only in what
 * they do next (the CLI prints a banner and waits for a signal; the API returns a handle).
 */
import type { Server } from 'node:http';
import type { ExportFormat, PrivacyLevel } from '../config/settings.ts';
import type { SettingsOverrides } from '../core/controls.ts';
import type { CredentialOverrides } from '../http/dev-credentials.ts';
import type { World } from '../world/types.ts';
import { CliError } from './cli-error.ts';
import { type CredentialFlags, credentialOverrides, resolveAnchor, type WorldFlags } from './options.ts';
import { listen } from './server.ts';

/** Every `serve` flag, parsed. */
export interface ServeFlags extends WorldFlags, CredentialFlags {
  port: number;
  host: string;
  fixtures?: string;
  enneoPrivacy?: PrivacyLevel;
  enneoDefaultFormat?: ExportFormat;
  adminToken?: string;
  /** HAR files whose recorded answers are replayed (`--replay`, repeatable). */
  replay?: string[];
  /** Permissive CORS on the vendor routes (`--cors`). */
  cors?: boolean;
  /** Shared state for replicas (`--state redis://host:port[/db]`); required by more than one worker. */
  state?: string;
  /** This replica's name in the shared journal (`--replica-name`); default `host:pid`. */
  replicaName?: string;
  /** Processes answering on the port (`--workers`, node:cluster); 1 = this process alone. */
  workers?: number;
}

/** A listening server and what the banner tells about it. */
export interface Opened {
  server: Server;
  world: World;
  credentials: ReturnType<typeof credentialOverrides>;
}

/** The world to serve: the fixture folder as it is, or a generated one. */
async function loadWorld(flags: ServeFlags, now: number): Promise<World> {
  if (flags.fixtures !== undefined) {
    const { readFixtures } = await import('../world/fixtures.ts');
    try {
      return await readFixtures(flags.fixtures);
    } catch (err) {
      throw new CliError(`--fixtures ${flags.fixtures}: ${(err as Error).message}`);
    }
  }
  const { generateWorld } = await import('../world/index.ts');
  try {
    return generateWorld({
      seed: flags.seed,
      anchor: resolveAnchor(flags.anchor, now),
      size: { agents: flags.agents, days: flags.days, tickets: flags.tickets },
    });
  } catch (err) {
    throw new CliError(`cannot generate the world: ${(err as Error).message}`);
  }
}

/** The `--replay` files as one table of recorded answers; a file that is no HAR stops the start. */
async function loadReplayFiles(files: string[], log: (line: string) => void) {
  const { readFile } = await import('node:fs/promises');
  const { loadReplays } = await import('../har/replay.ts');
  try {
    const table = loadReplays(
      await Promise.all(files.map(async (name) => ({ name, text: await readFile(name, 'utf8') }))),
    );
    log(`replaying ${table.answers.size} recorded answer(s) from ${files.join(', ')}`);
    for (const note of table.notes) log(`  not replayed: ${note}`);
    return table;
  } catch (err) {
    throw new CliError(`--replay: ${(err as Error).message}`);
  }
}

/** Connects to the shared state and checks it is this world's; a problem stops the start with one line. */
async function openState(
  flags: ServeFlags,
  world: World,
  settings: SettingsOverrides,
  credentials: CredentialOverrides,
  log: (line: string) => void,
) {
  const [
    { openRedisState },
    { defaultReplicaName, stateFingerprint },
    { applySettingsPatch },
    { DEFAULT_SETTINGS },
    { resolveCredentials },
  ] = await Promise.all([
    import('../core/state/redis-state.ts'),
    import('../core/state/fingerprint.ts'),
    import('../http/admin-settings.ts'),
    import('../core/registry.ts'),
    import('../http/dev-credentials.ts'),
  ]);
  const start = applySettingsPatch(DEFAULT_SETTINGS, settings);
  if (!start.ok) throw new CliError(`settings: ${start.problem.message}`);
  const replica = flags.replicaName ?? defaultReplicaName();
  try {
    const state = await openRedisState({
      url: flags.state as string,
      replica,
      fingerprint: stateFingerprint(world, start.settings, resolveCredentials(credentials)),
    });
    log(`shared state: ${state.url} (this replica: ${replica})`);
    return state;
  } catch (err) {
    throw new CliError(`--state: ${(err as Error).message}`);
  }
}

/**
 * Builds the world and the app and listens.
 * @param onInternalError told about a bug behind a 500 (the client gets the 500 either way).
 * @throws CliError with one line when the world cannot be built or the port cannot be opened.
 */
export async function openServer(
  flags: ServeFlags,
  now: number,
  onInternalError?: (err: unknown) => void,
  log: (line: string) => void = () => {},
): Promise<Opened> {
  // Imported here, not at the top: `standin --help` and the other commands need none of the server.
  const { createApp } = await import('../app.ts');
  const world = await loadWorld(flags, now);
  const credentials = credentialOverrides(flags);
  const enneo = {
    ...(flags.enneoPrivacy ? { reportingPrivacyLevel: flags.enneoPrivacy } : {}),
    ...(flags.enneoDefaultFormat ? { defaultDateExportFormat: flags.enneoDefaultFormat } : {}),
  };
  const replay = flags.replay?.length ? await loadReplayFiles(flags.replay, log) : undefined;
  const settings = { enneo };
  const state =
    flags.state !== undefined ? await openState(flags, world, settings, credentials, log) : undefined;
  const app = createApp({
    world,
    credentials,
    ...(replay ? { replay } : {}),
    settings,
    ...(state ? { state } : {}),
    ...(flags.adminToken !== undefined ? { adminToken: flags.adminToken } : {}),
    ...(flags.cors === true ? { cors: true } : {}),
    ...(onInternalError ? { onInternalError } : {}),
  });
  let server: Server;
  try {
    server = await listen(app, flags.host, flags.port);
  } catch (err) {
    await state?.close();
    throw err;
  }
  if (state) server.once('close', () => void state.close());
  return { server, world, credentials };
}
