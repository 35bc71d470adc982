/**
 * What the Enneo checks need to know, read from the contract and nowhere else: the export's
 * columns in documented order with their JSON types, the orderByField values, the privacy levels
 * of `x-standin-privacy`, the Content-Disposition pattern and which rules are assumed.
 */
import { isAssumed } from '../../../assumed.ts';
import type { Operation } from '../../../loader.ts';
import type { PrivacyExpectation } from '../../types.ts';

/** One export column: its name and what its JSON value may be. */
export interface ColumnSpec {
  name: string;
  /** The schema's `type` (`string`, `integer`, `number`, `boolean`), `unknown` when absent. */
  type: string;
  nullable: boolean;
}

/** One privacy level as `x-standin-privacy` states it. */
export interface PrivacyRule {
  omit: string[];
  dateOnly: string[];
  /** column → the permission without which it is omitted. */
  omitUnlessPermission: Record<string, string>;
}

/** The export operation, reduced to what the checks compare against. */
export interface ExportView {
  columns: ColumnSpec[];
  orderByFields: string[];
  privacy: Partial<Record<PrivacyExpectation, PrivacyRule>>;
  /** The `Content-Disposition` pattern of a 200, when the contract gives one. */
  dispositionPattern?: RegExp;
  /** The `Content-Disposition` header is `x-standin-assumed` (or not documented at all). */
  dispositionAssumed: boolean;
}

type Node = Record<string, unknown>;

const asNode = (value: unknown): Node | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Reads the export view from the operation `GET /export/reporting_worklog`.
 * @throws Error when the contract has no JSON array item schema for a 200 (the suite cannot judge rows then).
 */
export function readExportView(op: Operation): ExportView {
  const ok = asNode(op.definition.responses?.['200']);
  const json = asNode(asNode(ok?.content)?.['application/json']);
  const items = asNode(asNode(json?.schema)?.items);
  const properties = asNode(items?.properties);
  if (!properties) throw new Error(`${op.id}: the contract has no item schema for a JSON 200`);
  const columns = Object.entries(properties).map(([name, schema]): ColumnSpec => {
    const s = asNode(schema) ?? {};
    return {
      name,
      type: typeof s.type === 'string' ? s.type : 'unknown',
      nullable: s.nullable === true,
    };
  });

  const orderParam = op.parameters.find((p) => p.in === 'query' && p.name === 'orderByField');
  const orderEnum = strings(asNode(orderParam?.schema)?.enum);

  const privacy: ExportView['privacy'] = {};
  const levels = asNode(op.extensions['x-standin-privacy']) ?? {};
  for (const [level, raw] of Object.entries(levels)) {
    const node = asNode(raw) ?? {};
    const unless = asNode(node.omitUnlessPermission) ?? {};
    privacy[level as PrivacyExpectation] = {
      omit: strings(node.omit),
      dateOnly: strings(node.dateOnly),
      omitUnlessPermission: Object.fromEntries(
        Object.entries(unless).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
    };
  }

  const header = asNode(asNode(ok?.headers)?.['Content-Disposition']);
  const disposition = asNode(header?.schema);
  const view: ExportView = {
    columns,
    // Without an enum the doc's "a column name" holds: every column may order the rows.
    orderByFields: orderEnum.length ? orderEnum : columns.map((c) => c.name),
    privacy,
    dispositionAssumed: !header || isAssumed(header) || isAssumed(disposition),
  };
  if (typeof disposition?.pattern === 'string') view.dispositionPattern = new RegExp(disposition.pattern);
  return view;
}

export { ruleAssumed } from '../../shared/contract-reading.ts';
