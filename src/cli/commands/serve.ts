/** `standin serve`: every vendor on one port until Ctrl-C / SIGTERM. */
import { Option } from 'commander';
import { EXPORT_FORMATS, PRIVACY_LEVELS } from '../../config/settings.ts';
import {
  clientCredentials,
  credentialHeaders,
  resolveCredentials,
  VENDOR_TITLES,
} from '../../http/dev-credentials.ts';
import { bannerLines, displayOrigin } from '../banner.ts';
import type { CliCommand, CliContext } from '../context.ts';
import {
  addCredentialOptions,
  addSizeOptions,
  addWorldOptions,
  parseAdminToken,
  parseHost,
  parsePort,
  parseReplicaName,
  parseStateUrl,
} from '../options.ts';
import { boundPort, stopOnSignals } from '../server.ts';
import { openServer, type ServeFlags } from '../serving.ts';
import {
  announceReady,
  CLUSTER_NOW_ENV,
  checkWorkers,
  isBannerWorker,
  isClusterWorker,
  leaveCluster,
  parseWorkers,
  runPrimary,
  workerReplicaName,
  workerSignals,
} from '../workers.ts';

async function serve(flags: ServeFlags, ctx: CliContext): Promise<void> {
  const workers = flags.workers ?? 1;
  checkWorkers(workers, flags.state);
  const worker = isClusterWorker();
  if (workers > 1 && !worker) {
    ctx.setExitCode(await runPrimary(workers, ctx.signals, ctx.logger, ctx.now()));
    return;
  }
  const replicaName = worker ? workerReplicaName(flags.replicaName) : flags.replicaName;
  try {
    await serveHere({ ...flags, ...(replicaName !== undefined ? { replicaName } : {}) }, ctx, worker);
  } finally {
    // A worker's link to the primary alone would keep it alive after it stopped or failed to start.
    if (worker) leaveCluster();
  }
}

/** One process serving: standin alone, or one worker of `--workers`. */
async function serveHere(flags: ServeFlags, ctx: CliContext, worker: boolean): Promise<void> {
  // Every worker resolves `--anchor now` by the primary's clock, so that all serve one world.
  const now = worker ? Number(process.env[CLUSTER_NOW_ENV]) || ctx.now() : ctx.now();
  const signals = worker ? workerSignals() : ctx.signals;
  const { VENDOR_MODULES } = await import('../../app.ts');
  const { server, world, credentials } = await openServer(
    flags,
    now,
    (err) => ctx.logger.err(`internal error: ${(err as Error)?.stack ?? String(err)}`),
    (line) => ctx.logger.err(line),
  );
  // Listen for stop signals before the banner says how to stop, so an early Ctrl-C is graceful too.
  const stopped = stopOnSignals(server, signals, ctx.logger);
  const { origin, allInterfaces } = displayOrigin(flags.host, boundPort(server));
  if (worker) announceReady(boundPort(server));
  if (worker && !isBannerWorker()) {
    ctx.setExitCode(await stopped);
    return;
  }

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
      .addOption(
        new Option(
          '--workers <n|auto>',
          'processes answering on the port (node:cluster; more than 1 needs --state)',
        )
          .env('STANDIN_WORKERS')
          .argParser(parseWorkers)
          .default(1),
      )
      .option('--cors', 'answer browsers: permissive CORS on the vendor routes (never on the controls)')
      .option(
        '--replay <file.har>',
        'answer the requests recorded in this HAR with their recorded answers (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .addOption(
        new Option(
          '--state <redis-url>',
          'share settings, faults, stubs and the journal with other replicas through Redis (redis://host:port[/db])',
        )
          .env('STANDIN_STATE')
          .argParser(parseStateUrl),
      )
      .addOption(
        new Option('--replica-name <name>', "this replica's name in the shared journal (default host:pid)")
          .env('STANDIN_REPLICA')
          .argParser(parseReplicaName),
      )
      .action((flags: ServeFlags) => serve(flags, ctx));
  },
};
