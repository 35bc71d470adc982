import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXPORT_COLUMNS } from '../../src/world/types.ts';

/*
 * Self-contained on purpose: it reads contracts/enneo.yaml with `yaml` and checks it without the
 * contract loader of src/contract/, so that the contract's own promises are pinned independently.
 */

// A parsed YAML document is plain data of unknown shape; the tests walk it by path.
type Node = Record<string, unknown>;

const CONTRACT_URL = new URL('../../contracts/enneo.yaml', import.meta.url);
const doc = parse(readFileSync(CONTRACT_URL, 'utf8')) as Node;

/** Walks `doc` along the given keys; fails the test when a step is missing. */
function at(...keys: string[]): Node {
  let node: unknown = doc;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`contract has no ${keys.join(' > ')} (stopped at ${key})`);
    }
    node = (node as Node)[key];
  }
  return node as Node;
}

const EXPORT_OP = ['paths', '/export/reporting_worklog', 'get'];
const TICKET_OP = ['paths', '/ticket/{ticketId}/worklog', 'get'];
const PRIVACY_OMITTED = ['ticketId', 'conversationId', 'userId', 'email', 'rawData'];

function param(op: string[], name: string): Node {
  const params = at(...op, 'parameters') as unknown as Node[];
  const found = params.find((p) => p.name === name);
  if (!found) throw new Error(`no parameter ${name}`);
  return found;
}

const VENDOR_EXPORT_EXAMPLE = [
  {
    date: '2024-05-10 14:52:37',
    name: 'Jane Doe',
    ticketId: 233,
    conversationId: null,
    userId: 1,
    action: 'writeAction',
    duration: 206,
    durationAfterWork: 0,
    reOpened: 0,
    status: 'active',
    aiAgent: null,
    topic: 'Billing',
    subTopic: 'Payment reminder',
    allTags: 'Billing, Payment reminder',
    tags: '["Billing", "Payment reminder"]',
    channel: 'email',
    department: 'Customer care',
    teams: '["Customer care"]',
    email: 'jane@example.com',
    rawData: '{...}',
    aiAutomationLevel: 3,
    customerIdentifiedCorrectly: 1,
    tagsIdentifiedCorrectly: 1,
    textAssistanceAccuracy: null,
    aiAgentsUsed: '[]',
    skippedTicket: 0,
    netSecondsClosedAfterSLA: -3600,
    closingDateForSLA: '2024-05-13 16:15:00',
    statusActionDetail: null,
    pendingDueBy: null,
    pendingSeconds: null,
    netPendingSeconds: null,
    firstPendingAt: null,
    userWorklogId: 1,
    timesSetToOpen: 0,
  },
];

const VENDOR_TICKET_EXAMPLE = [
  {
    id: 551,
    ticketId: 8821,
    date: '2024-06-12',
    latestInteraction: '2024-06-12T09:59:00Z',
    assessments: [
      { id: 901, scorecardId: 42 },
      { id: 902, scorecardId: 43 },
    ],
    worklog: {
      userId: 23,
      worklogId: 551,
      latestInteraction: '2024-06-12T09:59:00Z',
      ticketId: 8821,
      conversationId: 331,
      action: 'closeAction',
      actionList: ['reply', 'closed'],
      actionListText: ['Sent reply to customer', 'Closed ticket'],
    },
    aiUsage: {
      automationLevel: 2,
      automationLevelLabel: 'Assisted',
      aiAgents: [
        {
          id: 5,
          name: 'Email Assistant',
          description: 'Generates email responses',
          intelligence: 'smart',
          textAssistanceAccuracy: 0.92,
          actions: null,
        },
      ],
    },
    time: {
      duration: 480,
      durationAfterWork: 120,
      segments: [
        {
          userTimeTrackingId: 1201,
          from: '2024-06-12T09:51:00Z',
          to: '2024-06-12T09:59:00Z',
          actionList: ['reply', 'closed'],
          actionListText: ['Sent reply to customer', 'Closed ticket'],
        },
      ],
    },
    customerExperience: {
      slaMet: true,
      netSecondsClosedAfterSla: -1800,
      closingDateForSLA: '2024-06-12T09:59:00Z',
      dueDateForSLA: '2024-06-12T10:30:00Z',
      reOpened: false,
      csat: { id: 88, scale: 5, answerStars: 5, answerText: 'Great service!' },
    },
  },
  {
    id: 552,
    ticketId: 8821,
    date: '2024-06-13',
    latestInteraction: '2024-06-13T07:45:00Z',
    assessments: [],
    worklog: {
      userId: 23,
      worklogId: 552,
      latestInteraction: '2024-06-13T07:45:00Z',
      ticketId: 8821,
      conversationId: 332,
      action: 'writeAction',
      actionList: ['reply'],
      actionListText: ['Sent reply to customer'],
    },
    aiUsage: { automationLevel: 1, automationLevelLabel: 'Monitor', aiAgents: [] },
    time: {
      duration: 360,
      durationAfterWork: 60,
      segments: [
        {
          userTimeTrackingId: 1215,
          from: '2024-06-13T07:39:00Z',
          to: '2024-06-13T07:45:00Z',
          actionList: ['reply'],
          actionListText: ['Sent reply to customer'],
        },
      ],
    },
    customerExperience: {
      slaMet: true,
      netSecondsClosedAfterSla: 0,
      closingDateForSLA: '2024-06-13T08:10:00Z',
      dueDateForSLA: '2024-06-13T08:30:00Z',
      reOpened: false,
      csat: null,
    },
  },
];

describe('contracts/enneo.yaml as a document', () => {
  it('is valid OpenAPI 3.0.3 according to the parser', async () => {
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc.openapi).toBe('3.0.3');
  });

  it('names the real demo server first', () => {
    const servers = at('servers') as unknown as Node[];
    expect(servers[0]?.url).toBe('https://demo.enneo.ai/api/mind');
  });

  it('has exactly the two Enneo operations with the vendor operationIds', () => {
    expect(Object.keys(at('paths'))).toEqual(['/export/reporting_worklog', '/ticket/{ticketId}/worklog']);
    expect(at(...EXPORT_OP).operationId).toBe('exportReportingWorklog');
    expect(at(...TICKET_OP).operationId).toBe('getTicketWorklogs');
  });

  it('accepts a bearer JWT or the connect.sid cookie on every operation', () => {
    expect(at('components', 'securitySchemes')).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'connect.sid' },
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(at(...EXPORT_OP).security).toBeUndefined();
    expect(at(...TICKET_OP).security).toBeUndefined();
  });
});

describe('export parameters', () => {
  it('format is xlsx, csv or json, optional, with no default (the backend setting decides)', () => {
    const format = param(EXPORT_OP, 'format');
    expect(format).toMatchObject({ in: 'query', required: false });
    expect(format.schema).toEqual({ type: 'string', enum: ['xlsx', 'csv', 'json'] });
  });

  it('limit is an integer from 1 to 1000 defaulting to 100, offset an integer >= 0 defaulting to 0', () => {
    expect(param(EXPORT_OP, 'limit').schema).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 100,
    });
    expect(param(EXPORT_OP, 'offset').schema).toEqual({ type: 'integer', minimum: 0, default: 0 });
  });

  it('orderByField is one of the 35 export columns, in documented order, marked assumed', () => {
    const schema = param(EXPORT_OP, 'orderByField').schema as Node;
    expect(schema.type).toBe('string');
    expect(schema.enum).toEqual([...EXPORT_COLUMNS]);
    expect(schema.enum).toHaveLength(35);
    expect(schema['x-standin-assumed']).toBe(true);
  });

  it('orderByDirection is asc or desc, default desc', () => {
    expect(param(EXPORT_OP, 'orderByDirection').schema).toEqual({
      type: 'string',
      enum: ['asc', 'desc'],
      default: 'desc',
    });
  });

  it('the export takes only those five query parameters, none required', () => {
    const params = at(...EXPORT_OP, 'parameters') as unknown as Node[];
    expect(params.map((p) => p.name)).toEqual([
      'format',
      'limit',
      'offset',
      'orderByField',
      'orderByDirection',
    ]);
    expect(params.every((p) => p.in === 'query' && p.required === false)).toBe(true);
  });

  it('ticketId is a required integer path parameter, minimum 1 marked assumed', () => {
    expect(param(TICKET_OP, 'ticketId')).toMatchObject({
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1, 'x-standin-assumed': true },
    });
  });
});

describe('responses', () => {
  it('export 200 offers json, csv and xlsx', () => {
    expect(Object.keys(at(...EXPORT_OP, 'responses', '200', 'content'))).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(at(...EXPORT_OP, 'responses', '200', 'content', 'application/json', 'schema')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ExportRow' },
    });
    expect(
      at(
        ...EXPORT_OP,
        'responses',
        '200',
        'content',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'schema',
      ),
    ).toMatchObject({ type: 'string', format: 'binary' });
  });

  for (const [name, op] of [
    ['export', EXPORT_OP],
    ['ticket worklogs', TICKET_OP],
  ] as const) {
    it(`${name} documents 403 Unauthorized and 500 Internal error, and adds an assumed 400`, () => {
      const responses = at(...op, 'responses');
      expect(Object.keys(responses)).toEqual(['200', '400', '403', '500']);
      expect(at(...op, 'responses', '403').description).toBe('Unauthorized');
      expect(at(...op, 'responses', '500').description).toBe('Internal error');
      expect(at(...op, 'responses', '400')['x-standin-assumed']).toBe(true);
      expect(at(...op, 'responses', '403')['x-standin-assumed']).toBeUndefined();
      for (const status of ['400', '403', '500']) {
        expect(at(...op, 'responses', status, 'content', 'application/json', 'schema')).toEqual({
          $ref: '#/components/schemas/EnneoError',
        });
      }
    });
  }

  it('the error body is { success: false, error, code, parameter? }, marked assumed', () => {
    const error = at('components', 'schemas', 'EnneoError');
    expect(error['x-standin-assumed']).toBe(true);
    expect(error.required).toEqual(['success', 'error', 'code']);
    expect(Object.keys(error.properties as Node)).toEqual(['success', 'error', 'code', 'parameter']);
    expect(at('components', 'schemas', 'EnneoError', 'properties', 'success')).toEqual({
      type: 'boolean',
      enum: [false],
    });
  });
});

describe('ExportRow', () => {
  const row = at('components', 'schemas', 'ExportRow');
  const props = row.properties as Record<string, Node>;

  it('has exactly the 35 export columns in documented order', () => {
    expect(Object.keys(props)).toEqual([...EXPORT_COLUMNS]);
  });

  it('requires every column except the five that privacy levels omit', () => {
    expect(row.required).toEqual(EXPORT_COLUMNS.filter((c) => !PRIVACY_OMITTED.includes(c)));
  });

  it('sends the SLA and pending timestamps as nullable space-separated enneo-datetime strings', () => {
    for (const column of ['closingDateForSLA', 'pendingDueBy', 'firstPendingAt']) {
      expect(props[column], column).toMatchObject({
        type: 'string',
        format: 'enneo-datetime',
        nullable: true,
      });
    }
  });

  it('keeps the documented enums, flags and ranges', () => {
    expect(props.channel?.enum).toEqual([
      'email',
      'portal',
      'phone',
      'system',
      'chat',
      'walkIn',
      'letter',
      null,
    ]);
    expect(props.channel?.nullable).toBe(true);
    expect(props.action?.enum).toEqual([
      'closeAction',
      'readAction',
      'statusAction',
      'writeAction',
      'autoProcessAction',
    ]);
    for (const flag of [
      'reOpened',
      'customerIdentifiedCorrectly',
      'tagsIdentifiedCorrectly',
      'skippedTicket',
    ]) {
      expect(props[flag], flag).toMatchObject({ type: 'integer', minimum: 0, maximum: 1 });
    }
    expect(props.aiAutomationLevel).toMatchObject({
      type: 'integer',
      nullable: true,
      minimum: 0,
      maximum: 5,
    });
    expect(props.textAssistanceAccuracy).toMatchObject({ type: 'number', format: 'float', nullable: true });
    expect(props.email).toMatchObject({ type: 'string' });
    expect(props.email?.nullable).toBeUndefined();
  });

  it('declares per privacy level which columns are omitted and which become date-only', () => {
    expect(at(...EXPORT_OP, 'x-standin-privacy')).toEqual({
      none: { omit: [], dateOnly: [], omitUnlessPermission: {} },
      partiallyPseudonymized: {
        omit: [],
        dateOnly: [],
        omitUnlessPermission: { email: 'reportingPersonalData' },
      },
      pseudonymized: { omit: PRIVACY_OMITTED, dateOnly: ['date'], omitUnlessPermission: {} },
    });
  });
});

describe('x-standin-rules', () => {
  for (const [name, op] of [
    ['export', EXPORT_OP],
    ['ticket worklogs', TICKET_OP],
  ] as const) {
    it(`${name} lists each rule once with id, rule text and whether it is assumed`, () => {
      const rules = at(...op, 'x-standin-rules') as unknown as Node[];
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(typeof rule.id, JSON.stringify(rule)).toBe('string');
        expect(typeof rule.rule, JSON.stringify(rule)).toBe('string');
        expect(typeof rule.assumed, JSON.stringify(rule)).toBe('boolean');
      }
      const ids = rules.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain('auth-403');
    });
  }

  it('names the export defaults: date descending, ties by userWorklogId, MySQL NULL order', () => {
    const ids = (at(...EXPORT_OP, 'x-standin-rules') as unknown as Node[]).map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(['order-default', 'order-tiebreak', 'order-nulls', 'paging-window']),
    );
  });
});

describe('assumed behaviour the mock implements is marked in the contract', () => {
  const rulesOf = (op: string[]) => at(...op, 'x-standin-rules') as unknown as Node[];
  const rule = (op: string[], id: string) => {
    const found = rulesOf(op).find((r) => r.id === id);
    if (!found) throw new Error(`no rule ${id}`);
    return found;
  };

  for (const [name, op] of [
    ['export', EXPORT_OP],
    ['ticket worklogs', TICKET_OP],
  ] as const) {
    it(`${name}: auth details, check order, HEAD and the 405 for other methods are assumed rules`, () => {
      for (const id of [
        'auth-header-decides',
        'auth-bearer-jwt',
        'auth-session-cookie',
        'check-order',
        'head',
        'method-not-allowed',
      ]) {
        expect(rule(op, id).assumed, id).toBe(true);
      }
      expect(rule(op, 'method-not-allowed').rule).toContain('Allow: GET, HEAD');
      expect(rule(op, 'auth-session-cookie').rule).toContain('user 1');
      expect(rule(op, 'auth-bearer-jwt').rule).toContain('`exp` <= now');
      // A GET never receives the 405, so it is a rule and not one of the operation's responses.
      expect(Object.keys(at(...op, 'responses'))).not.toContain('405');
    });
  }

  it('export: digit-only numbers, case-sensitive enums, cut values, date-only ordering, csv and xlsx layout', () => {
    for (const id of [
      'limit-range',
      'offset-range',
      'order-direction',
      'format-invalid',
      'order-pseudonymized-date',
      'rejected-value-shown',
      'media-types',
      'csv-layout',
      'xlsx-layout',
    ]) {
      expect(rule(EXPORT_OP, id).assumed, id).toBe(true);
    }
    expect(rule(EXPORT_OP, 'limit-range').rule).toContain('`1e2`');
    expect(rule(EXPORT_OP, 'offset-range').rule).toContain('no upper bound');
    expect(rule(EXPORT_OP, 'order-direction').rule).toContain('`DESC`');
    expect(rule(EXPORT_OP, 'rejected-value-shown').rule).toContain('40');
    expect(rule(EXPORT_OP, 'xlsx-layout').rule).toContain('`reporting_worklog`');
    const xlsx = at(
      ...EXPORT_OP,
      'responses',
      '200',
      'content',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'schema',
    );
    expect(xlsx['x-standin-assumed']).toBe(true);
    expect(at(...EXPORT_OP, 'responses', '200', 'content', 'text/csv', 'schema').description).toContain(
      'without a byte-order mark',
    );
  });

  it('ticket worklogs: leading zeros, bad encoding, huge ids and no privacy are assumed rules', () => {
    expect(rule(TICKET_OP, 'ticket-id-invalid').rule).toContain('`007` is');
    expect(rule(TICKET_OP, 'ticket-id-invalid').rule).toContain('percent-encoding');
    expect(rule(TICKET_OP, 'ticket-unknown').rule).toContain('2^53');
    expect(rule(TICKET_OP, 'privacy-not-applied').assumed).toBe(true);
  });
});

describe('vendor examples', () => {
  it('carries the export example verbatim', () => {
    expect(
      at(...EXPORT_OP, 'responses', '200', 'content', 'application/json', 'examples', 'default').value,
    ).toEqual(VENDOR_EXPORT_EXAMPLE);
  });

  it('carries the ticket worklog example (two entries) verbatim', () => {
    expect(
      at(...TICKET_OP, 'responses', '200', 'content', 'application/json', 'examples', 'default').value,
    ).toEqual(VENDOR_TICKET_EXAMPLE);
  });
});

describe('schemas judge bodies', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // Only the shapes of the formats; the real registrations live in src/contract/.
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('enneo-datetime', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  ajv.addFormat('float', true);
  ajv.addFormat('binary', true);
  ajv.addSchema(doc, 'enneo.yaml');
  const json = 'content/application~1json/schema';
  const exportBody = ajv.compile({
    $ref: `enneo.yaml#/paths/~1export~1reporting_worklog/get/responses/200/${json}`,
  });
  const ticketBody = ajv.compile({
    $ref: `enneo.yaml#/paths/~1ticket~1{ticketId}~1worklog/get/responses/200/${json}`,
  });
  const exampleRow = VENDOR_EXPORT_EXAMPLE[0]!;

  it('accepts both vendor examples', () => {
    expect(exportBody(VENDOR_EXPORT_EXAMPLE), JSON.stringify(exportBody.errors)).toBe(true);
    expect(ticketBody(VENDOR_TICKET_EXAMPLE), JSON.stringify(ticketBody.errors)).toBe(true);
  });

  it('accepts a pseudonymized row: date only, five columns absent', () => {
    const pseudo: Record<string, unknown> = { ...exampleRow, date: '2024-05-10' };
    for (const column of PRIVACY_OMITTED) delete pseudo[column];
    expect(exportBody([pseudo]), JSON.stringify(exportBody.errors)).toBe(true);
  });

  it.each([
    ['an ISO date', { date: '2024-05-10T14:52:37Z' }],
    ['an ISO closingDateForSLA', { closingDateForSLA: '2024-05-13T16:15:00Z' }],
    ['an unknown channel', { channel: 'fax' }],
    ['reOpened 2', { reOpened: 2 }],
    ['aiAutomationLevel 6', { aiAutomationLevel: 6 }],
    ['a null department', { department: null }],
    ['a null email', { email: null }],
  ])('rejects an export row with %s', (_label, change) => {
    expect(exportBody([{ ...exampleRow, ...change }])).toBe(false);
  });

  it('rejects an export row without name', () => {
    const { name: _name, ...rest } = exampleRow;
    expect(exportBody([rest])).toBe(false);
  });

  it('rejects a ticket worklog whose csat lacks answerText or whose date has a time', () => {
    const [first] = structuredClone(VENDOR_TICKET_EXAMPLE);
    const noAnswer = structuredClone(first!);
    delete (noAnswer.customerExperience.csat as { answerText?: string }).answerText;
    expect(ticketBody([noAnswer])).toBe(false);
    expect(ticketBody([{ ...first, date: '2024-06-12T09:59:00Z' }])).toBe(false);
  });
});
