/**
 * What every contract under contracts/ must be, read through the real loader: the shape of the
 * promises, never their content. Each operation is identified, secured by a scheme that exists,
 * and documents its errors with a JSON body; each parameter says what it takes; each rule the
 * schemas cannot express has an id of its own and, where the vendor's doc speaks, quotes it. That
 * every example validates against its own schema is loader-contracts.test.ts's; what each schema
 * accepts and refuses is proven there and by the suite's mutants, not restated here.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { CONTRACT_VENDORS, loadContract } from '../../src/contract/index.ts';
import { EXPORT_COLUMNS } from '../../src/world/types.ts';

const JSON_TYPE = 'application/json';

/** The response object of one status, as the loaded (dereferenced) document has it. */
function responseOf(definition: OpenAPIV3.OperationObject, status: string): OpenAPIV3.ResponseObject {
  return definition.responses[status] as OpenAPIV3.ResponseObject;
}

describe.each(CONTRACT_VENDORS)('contracts/%s.yaml', (vendor) => {
  it('gives every operation a unique id, a summary and a description', async () => {
    const { operations } = await loadContract(vendor);
    expect(operations.length).toBeGreaterThan(0);
    expect(new Set(operations.map((op) => op.id)).size).toBe(operations.length);
    for (const op of operations) {
      expect(op.id, `${op.method} ${op.path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.definition.summary?.trim(), op.id).toBeTruthy();
      expect(op.definition.description?.trim(), op.id).toBeTruthy();
    }
  });

  it('secures every operation with schemes the document defines', async () => {
    const contract = await loadContract(vendor);
    for (const op of contract.operations) {
      const security = op.definition.security ?? contract.document.security ?? [];
      expect(security.length, `${op.id} names a security requirement`).toBeGreaterThan(0);
      for (const requirement of security) {
        for (const scheme of Object.keys(requirement)) {
          expect(Object.keys(contract.securitySchemes), `${op.id} uses ${scheme}`).toContain(scheme);
        }
      }
    }
  });

  it('documents a success and its errors on every operation, each error with a JSON body schema', async () => {
    for (const op of (await loadContract(vendor)).operations) {
      const statuses = op.statuses();
      const success = statuses.filter((s) => s.startsWith('2'));
      const errors = statuses.filter((s) => /^[45]/.test(s));
      expect(success, `${op.id} has a success response`).not.toEqual([]);
      // The success is what the vendor documents; only refusals may be standin's assumption.
      for (const s of success) expect(op.isAssumedStatus(s), `${op.id} ${s}`).toBe(false);
      // A refused request (bad parameter) and a refused credential are both documented.
      expect(errors.filter((s) => s === '400').length, `${op.id} documents 400`).toBe(1);
      expect(
        errors.some((s) => s === '401' || s === '403'),
        `${op.id} documents 401 or 403`,
      ).toBe(true);
      for (const s of errors) {
        expect(op.mediaTypes(s), `${op.id} ${s}`).toContain(JSON_TYPE);
        const media = responseOf(op.definition, s).content?.[JSON_TYPE];
        expect(media?.schema, `${op.id} ${s} has a body schema`).toBeDefined();
      }
    }
  });

  it('shows a JSON example of every success response', async () => {
    for (const op of (await loadContract(vendor)).operations) {
      for (const s of op.statuses().filter((x) => x.startsWith('2'))) {
        const examples = op.examples().filter((e) => e.status === s && e.mediaType === JSON_TYPE);
        expect(examples.length, `${op.id} ${s}`).toBeGreaterThan(0);
      }
    }
  });

  it('describes every parameter, with a schema; path parameters are required', async () => {
    for (const op of (await loadContract(vendor)).operations) {
      const seen = new Set<string>();
      for (const p of op.parameters) {
        const where = `${op.id} ${p.in} ${p.name}`;
        expect(seen.has(`${p.in} ${p.name}`), `${where} is listed once`).toBe(false);
        seen.add(`${p.in} ${p.name}`);
        expect(p.description?.trim(), where).toBeTruthy();
        expect(p.schema, where).toBeDefined();
        if (p.in === 'path') expect(p.required, where).toBe(true);
      }
    }
  });

  it('states each rule the schemas cannot express once, as a sentence, quoting the doc unless assumed', async () => {
    for (const op of (await loadContract(vendor)).operations) {
      expect(op.rules.length, op.id).toBeGreaterThan(0);
      const ids = op.rules.map((r) => r.id);
      expect(new Set(ids).size, `${op.id} rule ids are unique`).toBe(ids.length);
      for (const r of op.rules) {
        expect(r.id, op.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(r.rule.trim().length, `${op.id} ${r.id}`).toBeGreaterThan(20);
        if (!r.assumed)
          expect(r.doc?.trim(), `${op.id} ${r.id} is documented, so it quotes the doc`).toBeTruthy();
      }
    }
  });
});

describe('contracts/enneo.yaml and the world agree on the export columns', () => {
  it('ExportRow has exactly the columns the world exports, in their order, and orderByField offers each', async () => {
    const op = (await loadContract('enneo')).operation('get', '/export/reporting_worklog');
    const body = responseOf(op.definition, '200').content?.[JSON_TYPE]?.schema as OpenAPIV3.ArraySchemaObject;
    const row = body.items as OpenAPIV3.SchemaObject;
    expect(Object.keys(row.properties ?? {})).toEqual([...EXPORT_COLUMNS]);
    const orderBy = op.parameters.find((p) => p.name === 'orderByField')?.schema as OpenAPIV3.SchemaObject;
    expect(orderBy.enum).toEqual([...EXPORT_COLUMNS]);
  });
});
