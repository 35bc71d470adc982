import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ContractLoadError,
  clearContractCache,
  contractPath,
  loadContract,
} from '../../src/contract/index.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/loader/${name}.yaml`, import.meta.url));

async function loadError(name: string): Promise<ContractLoadError> {
  const error = await loadContract(fixture(name)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractLoadError);
  return error as ContractLoadError;
}

describe('contractPath', () => {
  it('points at contracts/<vendor>.yaml beside src/, whatever the cwd', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    expect(contractPath('enneo')).toBe(`${root}contracts/enneo.yaml`);
    expect(contractPath('voipcube')).toBe(`${root}contracts/voipcube.yaml`);
    expect(contractPath('autozod')).toBe(`${root}contracts/autozod.yaml`);
  });
});

describe('loading a valid contract', () => {
  it('resolves every $ref into the document', async () => {
    const contract = await loadContract(fixture('valid'));
    const op = contract.document.paths['/items/{itemId}/logs']?.get;
    const ok = op?.responses['200'] as unknown as {
      content: Record<string, { schema: Record<string, unknown> }>;
    };
    const items = ok.content['application/json']?.schema.items as Record<string, unknown>;
    expect(items.$ref).toBeUndefined();
    expect(items.required).toEqual(['id', 'date', 'duration', 'status']);
    expect(JSON.stringify(contract.document)).not.toContain('$ref');
  });

  it('lists every operation with its id, method, path and merged parameters', async () => {
    const contract = await loadContract(fixture('valid'));
    expect(contract.operations.map((o) => [o.id, o.method, o.path])).toEqual([
      ['listItemLogs', 'get', '/items/{itemId}/logs'],
      ['getSummary', 'get', '/summary'],
    ]);
    const op = contract.operation('get', '/items/{itemId}/logs');
    expect(op.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:itemId',
      'query:from',
      'query:limit',
      'query:ratio',
      'query:orderByDirection',
      'query:userIds[]',
      'query:includeDeleted',
      'header:X-Trace',
    ]);
    expect(op.pointer).toBe('/paths/~1items~1{itemId}~1logs/get');
  });

  it('finds operations by template, by concrete path, by id, with any method case', async () => {
    const contract = await loadContract(fixture('valid'));
    expect(contract.operation('GET', '/items/{itemId}/logs').id).toBe('listItemLogs');
    expect(contract.operation('get', '/items/42/logs').id).toBe('listItemLogs');
    expect(contract.operationById('getSummary').path).toBe('/summary');
  });

  it('names the operations there are when asked for one that is absent', async () => {
    const contract = await loadContract(fixture('valid'));
    expect(() => contract.operation('post', '/summary')).toThrow(
      `${fixture('valid')} has no operation POST /summary; it has GET /items/{itemId}/logs, GET /summary`,
    );
    expect(() => contract.operationById('nope')).toThrow(
      `${fixture('valid')} has no operation with id "nope"; ids: listItemLogs, getSummary`,
    );
  });

  it('reads x-standin-rules, with assumed from the field or the extension', async () => {
    const op = (await loadContract(fixture('valid'))).operationById('listItemLogs');
    expect(op.rules).toEqual([
      {
        id: 'order-by-time',
        rule: 'rows ascend by time',
        assumed: false,
        doc: 'Logs are returned in chronological order',
      },
      { id: 'page-fallback', rule: 'an invalid page falls back to 1', assumed: true },
      { id: 'marked-by-extension', rule: 'assumed via the extension', assumed: true },
    ]);
    expect((await loadContract(fixture('valid'))).operationById('getSummary').rules).toEqual([]);
  });

  it('keeps every x-* extension of the operation', async () => {
    const op = (await loadContract(fixture('valid'))).operationById('listItemLogs');
    expect(Object.keys(op.extensions)).toEqual(['x-standin-privacy', 'x-standin-rules']);
    expect(op.extensions['x-standin-privacy']).toEqual({
      pseudonymized: { omit: ['email'], dateOnly: ['date'] },
    });
  });

  it('exposes the security schemes', async () => {
    const contract = await loadContract(fixture('valid'));
    expect(contract.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      apiKey: { type: 'apiKey', in: 'header', name: 'Key' },
    });
  });

  it('lists documented statuses and media types, and which responses are assumed', async () => {
    const op = (await loadContract(fixture('valid'))).operationById('listItemLogs');
    expect(op.statuses()).toEqual(['200', '400', '401', '5XX']);
    expect(op.mediaTypes(200)).toEqual(['application/json', 'text/csv']);
    expect(op.mediaTypes('503')).toEqual([]);
    expect(op.mediaTypes(404)).toEqual([]);
    expect(op.isAssumedStatus(400)).toBe(true);
    expect(op.isAssumedStatus('200')).toBe(false);
    expect(op.isAssumedStatus(401)).toBe(false);
    expect(op.isAssumedStatus(404)).toBe(false);
  });

  it('lists every response example, flagging the ones marked invalid', async () => {
    const contract = await loadContract(fixture('valid'));
    const examples = contract.operationById('listItemLogs').examples();
    expect(examples.map((e) => [e.status, e.mediaType, e.name, e.invalid, e.assumed])).toEqual([
      ['200', 'application/json', 'vendor', false, false],
      ['200', 'application/json', 'broken', true, false],
      ['200', 'text/csv', 'example', false, false],
      ['400', 'application/json', 'example', false, true],
    ]);
    expect(examples[1]?.value).toEqual([{ id: 'one' }]);
    const summary = contract.operationById('getSummary').examples();
    expect(summary.map((e) => [e.status, e.name])).toEqual([['200', 'example']]);
  });

  it('validates every example against its own schema: the valid ones pass, the marked one fails', async () => {
    const contract = await loadContract(fixture('valid'));
    for (const op of contract.operations) {
      for (const ex of op.examples()) {
        const problems = op.validateResponse(ex.status, ex.mediaType, ex.value);
        if (ex.invalid) expect(problems.length, `${op.id} ${ex.name}`).toBeGreaterThan(0);
        else expect(problems, `${op.id} ${ex.name}`).toEqual([]);
      }
    }
  });
});

describe('caching', () => {
  it('returns the same contract object for the same file, however it is named', async () => {
    const first = await loadContract(fixture('valid'));
    const relative = await loadContract('test/contract/fixtures/loader/valid.yaml');
    expect(relative).toBe(first);
    expect(await loadContract(fixture('valid'))).toBe(first);
  });

  it('loads afresh after the cache is cleared', async () => {
    const first = await loadContract(fixture('valid'));
    clearContractCache(fixture('valid'));
    const second = await loadContract(fixture('valid'));
    expect(second).not.toBe(first);
    expect(second.operations.map((o) => o.id)).toEqual(first.operations.map((o) => o.id));
  });

  it('does not cache a failure', async () => {
    const a = await loadError('missing-ref');
    const b = await loadError('missing-ref');
    expect(b).not.toBe(a);
  });
});

describe('rejecting a contract that cannot be used', () => {
  it('names the file, line and column of malformed YAML', async () => {
    const error = await loadError('malformed');
    expect(error.file).toBe(fixture('malformed'));
    expect(error.line).toBe(12);
    expect(error.message).toBe(`${fixture('malformed')}:12:1: malformed YAML: Missing closing "quote`);
  });

  it('names the line of a duplicated key', async () => {
    const error = await loadError('duplicate-key');
    expect(error.message).toBe(`${fixture('duplicate-key')}:5:3: malformed YAML: Map keys must be unique`);
  });

  it('says a YAML file that is not OpenAPI is not an OpenAPI 3.0 document', async () => {
    const error = await loadError('not-openapi');
    expect(error.message).toBe(
      `${fixture('not-openapi')}:1:1: at /: not an OpenAPI 3.0 document: no "openapi" field`,
    );
  });

  it('refuses OpenAPI 3.1, pointing at the version', async () => {
    const error = await loadError('openapi-31');
    expect(error.pointer).toBe('/openapi');
    expect(error.message).toBe(
      `${fixture('openapi-31')}:1:1: at /openapi: not an OpenAPI 3.0 document: "openapi" is "3.1.0", expected 3.0.x`,
    );
  });

  it('names the JSON pointer and line of an OpenAPI schema violation', async () => {
    const error = await loadError('invalid-openapi');
    expect(error.pointer).toBe('/paths/~1a/get/parameters/0');
    expect(error.line).toBe(9);
    expect(error.message).toMatch(
      new RegExp(
        `^${fixture('invalid-openapi').replace(/[.]/g, '\\.')}:9:11: at /paths/~1a/get/parameters/0: invalid OpenAPI 3\\.0 document: `,
      ),
    );
  });

  it('names the $ref that points nowhere and where it is used', async () => {
    const error = await loadError('missing-ref');
    expect(error.pointer).toBe('/paths/~1a/get/responses/200/content/application~1json/schema/$ref');
    expect(error.line).toBe(12);
    expect(error.message).toContain('Missing $ref pointer "#/components/schemas/Nowhere"');
  });

  it('names the place of an unknown format, inside the referenced component', async () => {
    const error = await loadError('unknown-format');
    expect(error.message).toBe(
      `${fixture('unknown-format')}:19:11: at /components/schemas/Thing/properties/when/format: unknown format "yyyy-mm-dd-hh"`,
    );
  });

  it('names a malformed x-standin-rules entry', async () => {
    const error = await loadError('bad-rules');
    expect(error.message).toBe(
      `${fixture('bad-rules')}:7:11: at /paths/~1a/get/x-standin-rules/0: each x-standin-rules entry needs a string id and a string rule`,
    );
  });

  it('names a file that does not exist', async () => {
    const error = await loadError('no-such-file');
    expect(error.file).toBe(fixture('no-such-file'));
    expect(error.message).toMatch(/no-such-file\.yaml: cannot read the file: ENOENT/);
  });
});
