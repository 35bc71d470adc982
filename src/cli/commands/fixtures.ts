/** `standin fixtures [--out dir] [--seed] [--anchor] [size flags]`: writes the world as JSON files. */
import type { World } from '../../world/types.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../context.ts';
import { addSizeOptions, addWorldOptions, resolveAnchor, type WorldFlags } from '../options.ts';

export const command: CliCommand = {
  register(program, ctx) {
    const cmd = program
      .command('fixtures')
      .description('write the generated world as JSON fixture files (serve them with serve --fixtures)')
      .option('--out <dir>', 'folder to write', 'fixtures');
    addWorldOptions(cmd);
    addSizeOptions(cmd).action(async (flags: WorldFlags & { out: string }) => {
      const anchor = resolveAnchor(flags.anchor, ctx.now());
      // Imported here: --help and the other commands need neither the generator nor faker.
      const { generateWorld } = await import('../../world/index.ts');
      let world: World;
      try {
        world = generateWorld({
          seed: flags.seed,
          anchor,
          size: { agents: flags.agents, days: flags.days, tickets: flags.tickets },
        });
      } catch (err) {
        throw new CliError(`cannot generate the world: ${(err as Error).message}`);
      }
      const { writeFixtures } = await import('../../world/fixtures.ts');
      try {
        await writeFixtures(world, flags.out);
      } catch (err) {
        throw new CliError(`cannot write fixtures to ${flags.out}: ${(err as Error).message}`, 1);
      }
      ctx.logger.out(`wrote fixtures for seed ${flags.seed}, anchor ${anchor} to ${flags.out}`);
    });
  },
};
