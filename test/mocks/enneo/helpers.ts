import type { Server } from 'node:http';
import type { Express } from 'express';
import { SignJWT } from 'jose';
import type { Test } from 'supertest';
import { createExpressApp } from '../../../src/adapters/express.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/config/settings.ts';
import { createStandin, type Standin } from '../../../src/core/standin.ts';
import type { ExportRow, TicketWorklogEntry, World } from '../../../src/world/types.ts';

export const BASE = '/enneo/api/mind';
export const SECRET = DEFAULT_CREDENTIALS.enneo.jwtSecret;
export const SESSION = DEFAULT_CREDENTIALS.enneo.sessionId;
/** 2024-06-01T12:00:00Z: the tests' fixed "now". */
export const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

/** An export row with plausible values; override what the test is about. */
export function makeRow(overrides: Partial<ExportRow> = {}): ExportRow {
  return {
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
    rawData: '{"id":233,"subject":"Reminder, \\"urgent\\""}',
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
    ...overrides,
  };
}

/** A tiny deterministic generator so hand-made worlds have ties and NULLs in every column. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `count` export rows with few distinct values per column (many ties), NULLs in the nullable
 * columns, quotes/commas/newlines in strings, and a consistent ticket worklog entry per row.
 */
export function makeWorld(count = 120, seed = 7): World {
  const rand = lcg(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const maybe = <T>(value: T): T | null => (rand() < 0.25 ? null : value);
  const exportRows: ExportRow[] = [];
  const ticketWorklogs: TicketWorklogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const day = 1 + Math.floor(rand() * 5);
    const time = `${pad(8 + Math.floor(rand() * 3))}:${pad(Math.floor(rand() * 2) * 30)}:00`;
    const ticketId = 100 + Math.floor(rand() * 20);
    const userId = 1 + Math.floor(rand() * 3);
    const action = pick([
      'closeAction',
      'readAction',
      'statusAction',
      'writeAction',
      'autoProcessAction',
    ] as const);
    const duration = pick([0, 30, 206, 600]);
    const durationAfterWork = pick([0, 60]);
    const reOpened = pick([0, 1]);
    const level = maybe(pick([0, 3, 5]));
    const net = maybe(pick([-3600, 0, 120]));
    const closing = maybe(`2024-05-0${day} 1${pick([6, 7])}:15:00`);
    const conversationId = maybe(500 + i);
    const name = pick(['Jane Doe', 'Ängela Ω', "O'Neil, Pat", 'Zed "Z" Zee']);
    exportRows.push(
      makeRow({
        date: `2024-05-0${day} ${time}`,
        name: maybe(name),
        ticketId,
        conversationId,
        userId,
        action,
        duration,
        durationAfterWork,
        reOpened,
        status: maybe(pick(['open', 'closed', 'pending'])),
        aiAgent: maybe(pick(['Email Assistant', 'Bot, "B"'])),
        topic: maybe(pick(['Billing', 'Contract'])),
        subTopic: maybe(pick(['Payment reminder', 'Move'])),
        allTags: maybe('Billing, Payment reminder'),
        tags: maybe('["Billing", "Payment reminder"]'),
        channel: maybe(pick(['email', 'phone', 'chat'] as const)),
        department: pick(['Customer care', 'Back office']),
        teams: maybe(pick(['["Customer care"]', '["A", "B"]'])),
        email: pick(['jane@example.com', 'pat@example.com']),
        rawData: pick(['{"a":1}', '{"text":"line1\\nline2, \\"q\\""}', 'multi\nline, "raw"']),
        aiAutomationLevel: level,
        customerIdentifiedCorrectly: maybe(pick([0, 1])),
        tagsIdentifiedCorrectly: maybe(pick([0, 1])),
        textAssistanceAccuracy: maybe(pick([0.5, 0.92, 1])),
        aiAgentsUsed: maybe(pick(['[]', '["email-assistant"]'])),
        skippedTicket: maybe(pick([0, 1])),
        netSecondsClosedAfterSLA: net,
        closingDateForSLA: closing,
        statusActionDetail: maybe(pick(['waiting', 'spam'])),
        pendingDueBy: maybe('2024-05-20 09:00:00'),
        pendingSeconds: maybe(pick([0, 3600])),
        netPendingSeconds: maybe(pick([0, 1800])),
        firstPendingAt: maybe(pick(['2024-05-02 10:00:00', '2024-05-03 10:00:00'])),
        userWorklogId: id,
        timesSetToOpen: pick([0, 1, 2]),
      }),
    );
    ticketWorklogs.push({
      id,
      ticketId,
      date: `2024-05-0${day}`,
      latestInteraction: `2024-05-0${day}T${time}Z`,
      assessments: [],
      worklog: {
        userId,
        worklogId: id,
        latestInteraction: `2024-05-0${day}T${time}Z`,
        ticketId,
        conversationId,
        action,
        actionList: ['reply'],
        actionListText: ['Sent reply to customer'],
      },
      aiUsage: { automationLevel: level ?? 0, automationLevelLabel: 'Assisted', aiAgents: [] },
      time: { duration, durationAfterWork, segments: [] },
      customerExperience: {
        slaMet: (net ?? 0) <= 0,
        netSecondsClosedAfterSla: net ?? 0,
        closingDateForSLA: closing === null ? null : `${closing.replace(' ', 'T')}Z`,
        dueDateForSLA: null,
        reOpened: reOpened === 1,
        csat: null,
      },
    });
  }
  return {
    meta: { seed, anchor: '2024-05-05', size: { agents: 3, days: 5, tickets: 20 } },
    people: [],
    enneo: { exportRows, ticketWorklogs },
    voipcube: { statusLogs: [] },
    autozod: { sessions: [] },
  };
}

/**
 * The live settings of a test app, changed in place by the tests: each change goes to the app
 * through its in-process controls (which apply it before they return).
 */
export class TestSettings {
  readonly #start: Settings;
  #current: Settings;
  standin: Standin | undefined;

  constructor(start: Settings) {
    this.#start = structuredClone(start);
    this.#current = structuredClone(start);
  }
  get(): Settings {
    return this.#current;
  }
  set(next: Settings): void {
    this.#current = structuredClone(next);
    void this.standin?.controls.putSettings(next);
  }
  reset(): void {
    this.set(this.#start);
  }
}

/** What a test app is built from: the world, a fixed clock, settings the test may change. */
export interface TestDeps {
  world: World;
  settings: TestSettings;
  clock: () => number;
}

/** The given world, a fixed clock, fresh settings (default credentials throughout). */
export function makeDeps(world: World, settings: Partial<Settings['enneo']> = {}): TestDeps {
  return {
    world,
    settings: new TestSettings({ enneo: { ...DEFAULT_SETTINGS.enneo, ...settings } }),
    clock: () => NOW,
  };
}

/** The app standin serves (createApp's), over the deps: every vendor, the one error exit. */
export function makeApp(deps: TestDeps): Express {
  const standin = createStandin({ world: deps.world, clock: deps.clock, settings: deps.settings.get() });
  deps.settings.standin = standin;
  return createExpressApp(standin);
}

/** Signs a token with arbitrary claims and header (for the failure modes mintEnneoToken will not make). */
export async function signToken(
  claims: Record<string, unknown>,
  opts: { secret?: string; alg?: 'HS256' | 'HS512' } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A hand-crafted unsigned token (`alg: none`), as an attacker would send it. */
export function unsignedToken(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

/** Parses a supertest response body as bytes (csv/xlsx). */
export const binaryParser: Parameters<Test['parse']>[0] = (res, done) => {
  // In Node superagent hands the parser the raw response stream, though its type says otherwise.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (err: Error) => done(err, Buffer.alloc(0)));
};

/** Listens once on an ephemeral loopback port so that many requests share one server. */
export function serve(app: Express): { server: Server; close: () => Promise<void> } {
  const server = app.listen(0, '127.0.0.1');
  return {
    server,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
