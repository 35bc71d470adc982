/** `standin token enneo [--user ID] [--permission NAME ...] [--expires-in 1h]`: mints an Enneo JWT. */
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CREDENTIALS } from '../../config/credentials.ts';
import { mintEnneoToken } from '../../core/registry.ts';
import type { CliCommand } from '../context.ts';
import { addEnneoSecretOption, parseExpires, parseUserId } from '../options.ts';

interface TokenFlags {
  user?: number;
  permission?: string[];
  expiresIn?: string | number;
  enneoSecret?: string;
}

export const command: CliCommand = {
  register(program, ctx) {
    const token = program.command('token').description('mint tokens for vendors that use them');
    const enneo = token
      .command('enneo')
      .description('mint an Enneo JWT (HS256, signed with the same secret serve uses)')
      .addOption(new Option('--user <id>', 'userId claim (default 1)').argParser(parseUserId))
      .addOption(
        new Option('--permission <name...>', 'permission claim; repeat or list several').argParser(
          (value: string, previous: string[] | undefined) => {
            if (value.trim() === '') throw new InvalidArgumentError('--permission must not be empty.');
            return [...(previous ?? []), value];
          },
        ),
      )
      .addOption(
        new Option(
          '--expires-in <duration>',
          'lifetime: 90s, 15m, 1h, 7d, 2w (default: never expires)',
        ).argParser(parseExpires),
      );
    addEnneoSecretOption(enneo).action(async (flags: TokenFlags) => {
      const jwt = await mintEnneoToken(flags.enneoSecret ?? DEFAULT_CREDENTIALS.enneo.jwtSecret, {
        ...(flags.user !== undefined ? { userId: flags.user } : {}),
        ...(flags.permission !== undefined ? { permissions: flags.permission } : {}),
        ...(flags.expiresIn !== undefined ? { expiresIn: flags.expiresIn } : {}),
        now: ctx.now(),
      });
      ctx.logger.out(jwt);
    });
  },
};
