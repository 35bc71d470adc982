/**
 * `standin validate --vendor V <file>…`: judges recorded exchanges offline with the proxy's checks
 * — HAR 1.2 files (from `standin proxy --record` or a browser's dev tools), or a bare JSON body
 * with `--operation` (and `--query` when a rule needs the request's parameters). Exits 0 (clean),
 * 1 (a violation) or 2 (a file unreadable, or nothing in them to check).
 */
import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import { CONTRACT_VENDORS } from '../../contract/contract-path.ts';
import type { ContractVendor } from '../../contract/loader.ts';
import type { PrivacyExpectation } from '../../contract/suite/types.ts';
import { PRIVACY_EXPECTATIONS } from '../../contract/suite/types.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand, CliContext } from '../context.ts';

interface ValidateFlags {
  vendor: ContractVendor;
  operation?: string;
  query?: string;
  expectPrivacy?: PrivacyExpectation;
  strict?: boolean;
  reporter: 'console' | 'junit' | 'json';
  output?: string;
}

/** Larger files are refused rather than read: a HAR of a staging day is far below this. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

async function validate(paths: string[], flags: ValidateFlags, ctx: CliContext): Promise<void> {
  if (flags.query !== undefined && flags.operation === undefined) {
    throw new CliError('--query needs --operation: a HAR entry carries its own query.');
  }
  // Imported here: the checks bring ajv, the OpenAPI parser and exceljs, which --help never needs.
  const { validateRecordings } = await import('../../har/validate.ts');
  const { deliverReport } = await import('../../contract/exchange/report.ts');
  const { loadContract } = await import('../../contract/loader.ts');
  if (flags.operation !== undefined) {
    try {
      (await loadContract(flags.vendor)).operationById(flags.operation);
    } catch (err) {
      throw new CliError(`--operation: ${(err as Error).message}`);
    }
  }
  const files = await Promise.all(
    paths.map(async (name) => {
      try {
        const bytes = await readFile(name);
        if (bytes.length > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
        return { name, text: bytes.toString('utf8') };
      } catch (err) {
        throw new CliError(`cannot read ${name}: ${(err as Error).message}`);
      }
    }),
  );
  const report = await validateRecordings({
    vendor: flags.vendor,
    files,
    strict: Boolean(flags.strict),
    ...(flags.expectPrivacy !== undefined ? { expectPrivacy: flags.expectPrivacy } : {}),
    ...(flags.operation !== undefined ? { operationId: flags.operation } : {}),
    ...(flags.query !== undefined ? { query: flags.query } : {}),
  });
  await deliverReport(
    report,
    { reporter: flags.reporter, output: flags.output, command: 'standin validate' },
    ctx.logger,
  );
  ctx.setExitCode(report.exitCode);
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command('validate')
      .description('judge recorded answers offline: HAR files, or a bare JSON body with --operation')
      .argument('<file...>', 'HAR 1.2 files, or JSON bodies with --operation')
      .addOption(
        new Option('--vendor <vendor>', 'which contract to judge by')
          .choices(CONTRACT_VENDORS)
          .makeOptionMandatory(),
      )
      .option(
        '--operation <operationId>',
        'judge each file as the JSON body of a 200 of this operation (e.g. getUserStatuses)',
      )
      .option('--query <query>', "the request's query for --operation, e.g. 'limit=10&orderByField=duration'")
      .addOption(
        new Option(
          '--expect-privacy <level>',
          'Enneo: the reportingPrivacyLevel the server was set to',
        ).choices(PRIVACY_EXPECTATIONS),
      )
      .option('--strict', 'assumed behaviour counts as a violation, not a warning')
      .addOption(
        new Option('--reporter <name>', 'report format')
          .choices(['console', 'junit', 'json'])
          .default('console'),
      )
      .option('--output <file>', 'write the report to a file instead of stdout')
      .action((paths: string[], flags: ValidateFlags) => validate(paths, flags, ctx));
  },
};
