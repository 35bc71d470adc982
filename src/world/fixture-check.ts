/**
 * Checks fixture records at load, so that a hand-edited or foreign fixture folder is refused
 * with the file, the record and the field at fault instead of being served as invalid data.
 * Vendor records are checked against the contracts; people, meta and sessions (which no vendor
 * response returns as such) against the schemas below.
 */
import type { ValidateFunction } from 'ajv';
import { compileOpenApiSchema, convertAjvErrors, loadContract, type Problem } from '../contract/index.ts';

/** Validates one record; returns its problems with pointers relative to the record. */
export type RecordCheck = (record: unknown) => Problem[];

const UUID_V4 = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const ISO_MILLIS = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
const DAY = '^\\d{4}-\\d{2}-\\d{2}$';

const PERSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['enneo', 'voipcube', 'autozod'],
  properties: {
    enneo: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['userId', 'name', 'email', 'department', 'teams'],
      properties: {
        userId: { type: 'integer', minimum: 1 },
        name: { type: 'string', minLength: 1 },
        email: { type: 'string', format: 'email' },
        department: { type: 'string' },
        teams: { type: 'array', items: { type: 'string' } },
      },
    },
    voipcube: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['userId'],
      properties: { userId: { type: 'string', pattern: UUID_V4 } },
    },
    autozod: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['agentId', 'teamId'],
      properties: {
        agentId: { type: 'string', format: 'objectid' },
        teamId: { type: 'string', minLength: 1 },
      },
    },
  },
};

const META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['seed', 'anchor', 'size'],
  properties: {
    seed: { type: 'integer' },
    anchor: { type: 'string', format: 'date', pattern: DAY },
    size: {
      type: 'object',
      additionalProperties: false,
      required: ['agents', 'days', 'tickets'],
      properties: {
        agents: { type: 'integer', minimum: 1 },
        days: { type: 'integer', minimum: 1 },
        tickets: { type: 'integer', minimum: 0 },
      },
    },
  },
};

const SESSION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId', 'teamId', 'start', 'end'],
  properties: {
    agentId: { type: 'string', format: 'objectid' },
    teamId: { type: 'string', minLength: 1 },
    start: { type: 'string', format: 'date-time', pattern: ISO_MILLIS },
    end: { type: 'string', format: 'date-time', pattern: ISO_MILLIS },
  },
};

function schemaCheck(schema: unknown): RecordCheck {
  let validate: ValidateFunction | undefined;
  return (record) => {
    validate ??= compileOpenApiSchema(schema);
    return validate(record) ? [] : convertAjvErrors(validate.errors, record, '');
  };
}

/** A session also has to end after it starts, on the same UTC day (sessions never cross midnight). */
function sessionCheck(): RecordCheck {
  const shape = schemaCheck(SESSION_SCHEMA);
  return (record) => {
    const problems = shape(record);
    if (problems.length > 0) return problems;
    const { start, end } = record as { start: string; end: string };
    if (!(end > start) || end.slice(0, 10) !== start.slice(0, 10)) {
      return [
        {
          pointer: '/end',
          rule: 'session',
          expected: `a time after start (${start}) on the same UTC day`,
          actual: JSON.stringify(end),
          message: `/end: expected a time after start (${start}) on the same UTC day, found ${JSON.stringify(end)}`,
        },
      ];
    }
    return [];
  };
}

export interface FixtureChecks {
  people: RecordCheck;
  meta: RecordCheck;
  exportRows: RecordCheck;
  ticketWorklogs: RecordCheck;
  statusLogs: RecordCheck;
  sessions: RecordCheck;
}

/**
 * The checks for every fixture file: export rows against Enneo's `GET /export/reporting_worklog`
 * (200, application/json items), ticket worklog entries against `GET /ticket/{ticketId}/worklog`,
 * status logs against VoIPcube's `GET /stats/user-statuses`.
 */
export async function fixtureChecks(): Promise<FixtureChecks> {
  const [enneo, voipcube] = await Promise.all([loadContract('enneo'), loadContract('voipcube')]);
  const item =
    (operation: ReturnType<typeof enneo.operation>): RecordCheck =>
    (record) =>
      operation.validateItem('200', 'application/json', record);
  return {
    people: schemaCheck(PERSON_SCHEMA),
    meta: schemaCheck(META_SCHEMA),
    exportRows: item(enneo.operation('get', '/export/reporting_worklog')),
    ticketWorklogs: item(enneo.operation('get', '/ticket/{ticketId}/worklog')),
    statusLogs: item(voipcube.operation('get', '/stats/user-statuses')),
    sessions: sessionCheck(),
  };
}

/**
 * Throws an Error naming the file, the record's index and the field of the first bad record.
 * @example checkRecords('fixtures/enneo/reporting_worklog.json', rows, checks.exportRows);
 */
export function checkRecords(file: string, records: readonly unknown[], check: RecordCheck): void {
  for (let index = 0; index < records.length; index++) {
    const problems = check(records[index]);
    if (problems.length === 0) continue;
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s) in this record)` : '';
    throw new Error(
      `fixture ${file}: record ${index}, field ${first.pointer || '/'}: expected ${first.expected}, found ${first.actual}${more}`,
    );
  }
}
