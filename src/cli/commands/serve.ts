/** `standin serve`: every vendor on one port until Ctrl-C / SIGTERM. */
import { Option } from 'commander';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  PRIVACY_LEVELS,
  type PrivacyLevel,
} from '../../config/settings.ts';
import {
  clientCredentials,
  credentialHeaders,
  resolveCredentials,
  VENDOR_TITLES,
} from '../../http/dev-credentials.ts';
import type { World } from '../../world/types.ts';
import { bannerLines, displayOrigin } from '../banner.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand, CliContext } from '../context.ts';
import {
  addCredentialOptions,
  addSizeOptions,
  addWorldOptions,
  type CredentialFlags,
  credentialOverrides,
  parseAdminToken,
  parseHost,
  parsePort,
  resolveAnchor,
  type WorldFlags,
} from '../options.ts';
import { boundPort, listen, stopOnSignals } from '../server.ts';

interface ServeFlags extends WorldFlags, CredentialFlags {
  port: number;
  host: string;
  fixtures?: string;
  enneoPrivacy?: PrivacyLevel;
  enneoDefaultFormat?: ExportFormat;
  adminToken?: string;
  replay?: string[];
}

/** The `--replay` files as one table of recorded answers; a file that is no HAR stops the start. */
async function loadReplayFiles(files: string[], ctx: CliContext) {
  const { readFile } = await import('node:fs/promises');
  const { loadReplays } = await import('../../har/replay.ts');
  try {
    const table = loadReplays(
      await Promise.all(files.map(async (name) => ({ name, text: await readFile(name, 'utf8') }))),
    );
    ctx.logger.err(`replaying ${table.answers.size} recorded answer(s) from ${files.join(', ')}`);
    for (const note of table.notes) ctx.logger.err(`  not replayed: ${note}`);
    return table;
  } catch (err) {
    throw new CliError(`--replay: ${(err as Error).message}`);
  }
}

/** The world to serve: the fixture folder as it is, or a generated one. */
async function loadWorld(flags: ServeFlags, ctx: CliContext): Promise<World> {
  if (flags.fixtures !== undefined) {
    const { readFixtures } = await import('../../world/fixtures.ts');
    try {
      return await readFixtures(flags.fixtures);
    } catch (err) {
      throw new CliError(`--fixtures ${flags.fixtures}: ${(err as Error).message}`);
    }
  }
  const { generateWorld } = await import('../../world/index.ts');
  try {
    return generateWorld({
      seed: flags.seed,
      anchor: resolveAnchor(flags.anchor, ctx.now()),
      size: { agents: flags.agents, days: flags.days, tickets: flags.tickets },
    });
  } catch (err) {
    throw new CliError(`cannot generate the world: ${(err as Error).message}`);
  }
}

async function serve(flags: ServeFlags, ctx: CliContext): Promise<void> {
  // Imported here, not at the top: `standin --help` and the other commands need none of the server.
  const { createApp, VENDOR_MODULES } = await import('../../app.ts');
  const world = await loadWorld(flags, ctx);
  const credentials = credentialOverrides(flags);
  const enneo = {
    ...(flags.enneoPrivacy ? { reportingPrivacyLevel: flags.enneoPrivacy } : {}),
    ...(flags.enneoDefaultFormat ? { defaultDateExportFormat: flags.enneoDefaultFormat } : {}),
  };
  const replay = flags.replay?.length ? await loadReplayFiles(flags.replay, ctx) : undefined;
  const app = createApp({
    world,
    credentials,
    ...(replay ? { replay } : {}),
    settings: { enneo },
    ...(flags.adminToken !== undefined ? { adminToken: flags.adminToken } : {}),
    onInternalError: (err) => ctx.logger.err(`internal error: ${(err as Error)?.stack ?? String(err)}`),
  });
  const server = await listen(app, flags.host, flags.port);
  // Listen for stop signals before the banner says how to stop, so an early Ctrl-C is graceful too.
  const stopped = stopOnSignals(server, ctx.signals, ctx.logger);
  const { origin, allInterfaces } = displayOrigin(flags.host, boundPort(server));

  const client = await clientCredentials(resolveCredentials(credentials));
  for (const line of bannerLines({
    version: ctx.version,
    origin,
    allInterfaces,
    vendors: VENDOR_MODULES.map((v) => ({
      title: VENDOR_TITLES[v.name],
      baseUrl: `${origin}${v.basePath}`,
      headers: credentialHeaders(client, v.name),
    })),
    meta: world.meta,
    ...(flags.fixtures !== undefined ? { fixturesDir: flags.fixtures } : {}),
    adminTokenSet: flags.adminToken !== undefined,
  })) {
    ctx.logger.out(line);
  }
  ctx.setExitCode(await stopped);
}

export const command: CliCommand = {
  register(program, ctx) {
    const cmd = program
      .command('serve')
      .description('serve every vendor on one port (Ctrl-C to stop)')
      .addOption(
        new Option('--port <number>', 'port to listen on (0 picks a free one)')
          .env('PORT')
          .argParser(parsePort)
          .default(4010),
      )
      .addOption(
        new Option('--host <address>', 'address to listen on').argParser(parseHost).default('127.0.0.1'),
      );
    addWorldOptions(cmd);
    addSizeOptions(cmd);
    cmd
      .addOption(
        new Option(
          '--fixtures <dir>',
          'serve this fixture folder (as written by `standin fixtures`)',
        ).conflicts(['seed', 'anchor', 'agents', 'days', 'tickets']),
      )
      .addOption(
        new Option('--enneo-privacy <level>', "Enneo's reportingPrivacyLevel setting")
          .choices(PRIVACY_LEVELS)
          .env('STANDIN_ENNEO_PRIVACY'),
      )
      .addOption(
        new Option('--enneo-default-format <format>', "Enneo's defaultDateExportFormat setting")
          .choices(EXPORT_FORMATS)
          .env('STANDIN_ENNEO_DEFAULT_FORMAT'),
      );
    addCredentialOptions(cmd);
    cmd
      .addOption(
        new Option(
          '--admin-token <token>',
          'require this bearer token on /__standin/ (and allow it off loopback)',
        )
          .env('STANDIN_ADMIN_TOKEN')
          .argParser(parseAdminToken),
      )
      .option(
        '--replay <file.har>',
        'answer the requests recorded in this HAR with their recorded answers (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .action((flags: ServeFlags) => serve(flags, ctx));
  },
};
