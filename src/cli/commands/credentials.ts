/** `standin credentials [--json]`: the credentials that work against a server started with the same flags/env. */
import {
  clientCredentials,
  credentialHeaders,
  resolveCredentials,
  VENDOR_TITLES,
} from '../../http/dev-credentials.ts';
import { VENDORS } from '../../http/vendor.ts';
import type { CliCommand } from '../context.ts';
import { addCredentialOptions, type CredentialFlags, credentialOverrides } from '../options.ts';

export const command: CliCommand = {
  register(program, ctx) {
    const cmd = program
      .command('credentials')
      .description('print working credentials for each vendor (same flags/env as serve)')
      .option(
        '--json',
        'print {"enneo":{"token","cookie"},"voipcube":{"key"},"autozod":{"token"}} on one line',
      );
    addCredentialOptions(cmd).action(async (flags: CredentialFlags & { json?: boolean }) => {
      const client = await clientCredentials(resolveCredentials(credentialOverrides(flags)));
      if (flags.json) {
        ctx.logger.out(JSON.stringify(client));
        return;
      }
      const width = Math.max(...Object.values(VENDOR_TITLES).map((t) => t.length)) + 2;
      for (const vendor of VENDORS) {
        credentialHeaders(client, vendor).forEach((h, i) => {
          const label = i === 0 ? VENDOR_TITLES[vendor] : '';
          ctx.logger.out(`${label.padEnd(width)}${h.name}: ${h.value}`);
        });
      }
    });
  },
};
