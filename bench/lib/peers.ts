/**
 * The servers standin is compared with, each answering the same two bodies standin answers (the
 * export page and the small VoIPcube answer) at GET /page and GET /small, pinned to the server
 * CPU: bare node:http and plain Express 5 (references), and the mock servers a user would pick
 * instead — Prism, WireMock standalone and Mockoon CLI. A peer that cannot be installed or started
 * is skipped with the reason.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCachedPackage } from './cache-install.ts';
import { benchFile } from './children.ts';
import { startPinnedServer } from './peer-server.ts';
import { ensurePrism, PRISM_VERSION, startPrism } from './prism.ts';
import type { RunningServer } from './servers.ts';
import { startWireMock, WIREMOCK_VERSION } from './wiremock.ts';

/** The two answers every server sends, with their content types. */
export interface SameBytes {
  page: { body: Buffer; contentType: string };
  small: { body: Buffer; contentType: string };
}

export type BodyName = keyof SameBytes;

/** A started peer: where its two answers are. */
export interface Peer {
  name: string;
  /** `reference` servers show the floor; `mock` servers are what users pick instead of standin. */
  kind: 'reference' | 'mock';
  server: RunningServer;
  paths: Record<BodyName, string>;
  note?: string;
}

export const MOCKOON_PACKAGE = '@mockoon/cli';
export const MOCKOON_VERSION = '9.9.0';

/** Writes the bodies as page.json, small.json and types.json into `dir` for the peers to serve. */
export function writeBodies(dir: string, bytes: SameBytes): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'page.json'), bytes.page.body);
  writeFileSync(join(dir, 'small.json'), bytes.small.body);
  writeFileSync(
    join(dir, 'types.json'),
    JSON.stringify({ page: bytes.page.contentType, small: bytes.small.contentType }),
  );
}

const PATHS: Record<BodyName, string> = { page: '/page', small: '/small' };

function startSameBytes(mode: 'node' | 'express', dir: string): Promise<RunningServer> {
  return startPinnedServer({
    name: mode,
    command: (port) => [
      process.execPath,
      ['--import', 'tsx', benchFile('servers/same-bytes-server.ts'), mode, dir, String(port)],
    ],
    probePath: '/small',
  });
}

/** An OpenAPI document whose only examples are the two bodies, so that Prism sends the same JSON. */
function writePrismContract(dir: string, bytes: SameBytes): string {
  const operation = (body: Buffer, contentType: string) => ({
    get: {
      responses: {
        200: {
          description: 'the same bytes standin answers',
          content: { [contentType.split(';')[0]!]: { example: JSON.parse(body.toString('utf8')) } },
        },
      },
    },
  });
  const file = join(dir, 'prism-openapi.json');
  const doc = {
    openapi: '3.0.3',
    info: { title: 'standin bench: same bytes', version: '1' },
    paths: {
      '/page': operation(bytes.page.body, bytes.page.contentType),
      '/small': operation(bytes.small.body, bytes.small.contentType),
    },
  };
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** A Mockoon environment serving the two files as they are, templating off. */
function writeMockoonEnvironment(dir: string, bytes: SameBytes): string {
  const route = (name: BodyName) => ({
    uuid: `route-${name}`,
    type: 'http',
    documentation: '',
    method: 'get',
    endpoint: name,
    responses: [
      {
        uuid: `response-${name}`,
        body: '',
        latency: 0,
        statusCode: 200,
        label: '',
        headers: [{ key: 'Content-Type', value: bytes[name].contentType }],
        bodyType: 'FILE',
        filePath: join(dir, `${name}.json`),
        databucketID: '',
        sendFileAsBody: true,
        rules: [],
        rulesOperator: 'OR',
        disableTemplating: true,
        fallbackTo404: false,
        default: true,
        crudKey: 'id',
        callbacks: [],
      },
    ],
    responseMode: null,
    streamingMode: null,
    streamingInterval: 0,
  });
  const environment = {
    uuid: 'standin-bench',
    lastMigration: 33,
    name: 'standin-bench',
    endpointPrefix: '',
    latency: 0,
    port: 3000,
    hostname: '127.0.0.1',
    folders: [],
    routes: [route('page'), route('small')],
    rootChildren: [
      { type: 'route', uuid: 'route-page' },
      { type: 'route', uuid: 'route-small' },
    ],
    proxyMode: false,
    proxyHost: '',
    proxyRemovePrefix: false,
    tlsOptions: {
      enabled: false,
      type: 'CERT',
      pfxPath: '',
      certPath: '',
      keyPath: '',
      caPath: '',
      passphrase: '',
    },
    cors: false,
    headers: [],
    proxyReqHeaders: [],
    proxyResHeaders: [],
    data: [],
    callbacks: [],
  };
  const file = join(dir, 'mockoon-environment.json');
  writeFileSync(file, JSON.stringify(environment));
  return file;
}

/** Every peer's starter, in table order; each resolves to a peer or the reason it is skipped. */
export function peerStarters(
  dir: string,
  bytes: SameBytes,
  log: (line: string) => void,
  wiremockWarmUpSeconds: number,
): { name: string; start: () => Promise<Peer | string> }[] {
  const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));
  return [
    {
      name: 'bare node:http',
      start: async () => ({
        name: 'bare node:http',
        kind: 'reference',
        server: await startSameBytes('node', dir),
        paths: PATHS,
      }),
    },
    {
      name: 'plain Express 5',
      start: async () => ({
        name: 'plain Express 5',
        kind: 'reference',
        server: await startSameBytes('express', dir),
        paths: PATHS,
      }),
    },
    {
      name: `Prism ${PRISM_VERSION}`,
      start: async () => {
        const installed = await ensurePrism(log);
        if (!installed.ok) return `not installed: ${installed.reason}`;
        try {
          const server = await startPrism(installed.cli, writePrismContract(dir, bytes), '/small', {});
          return {
            name: `Prism ${PRISM_VERSION}`,
            kind: 'mock',
            server,
            paths: PATHS,
            note: 'static examples equal to the bytes',
          };
        } catch (err) {
          return `did not start: ${reason(err)}`;
        }
      },
    },
    {
      name: `WireMock ${WIREMOCK_VERSION}`,
      start: async () => {
        const started = await startWireMock(dir, bytes, log, wiremockWarmUpSeconds);
        if (typeof started === 'string') return started;
        return {
          name: `WireMock ${WIREMOCK_VERSION}`,
          kind: 'mock',
          server: started,
          paths: PATHS,
          note: `standalone, --no-request-journal, ${wiremockWarmUpSeconds} s JIT warm-up`,
        };
      },
    },
    {
      name: `Mockoon CLI ${MOCKOON_VERSION}`,
      start: async () => {
        const installed = await ensureCachedPackage('mockoon', MOCKOON_PACKAGE, MOCKOON_VERSION, log);
        if (!installed.ok) return `not installed: ${installed.reason}`;
        const cli = join(installed.dir, 'bin', 'run.js');
        const environment = writeMockoonEnvironment(dir, bytes);
        try {
          const server = await startPinnedServer({
            name: 'mockoon',
            command: (port) => [
              process.execPath,
              [cli, 'start', '-d', environment, '-p', String(port), '-X', '--disable-admin-api', '-r'],
            ],
            probePath: '/small',
          });
          return {
            name: `Mockoon CLI ${MOCKOON_VERSION}`,
            kind: 'mock',
            server,
            paths: PATHS,
            note: 'files as static bodies, templating off, default request log to stdout',
          };
        } catch (err) {
          return `did not start: ${reason(err)}`;
        }
      },
    },
  ];
}
