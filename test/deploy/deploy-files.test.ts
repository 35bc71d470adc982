/**
 * The deployment files run standin as written: the command line of the Kubernetes Deployment and
 * of compose.replicas.yaml starts a server on a real Redis (host and port aside, which belong to
 * the cluster), and the paths their probes ask answer 200 without the admin token the controls
 * require there. Neither file is applied (no cluster or container engine here).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { startServe } from '../cli/in-process.ts';
import { type RedisServer, redisMissing, startRedis } from '../support/redis.ts';

const ROOT = new URL('../../', import.meta.url);
const missing = redisMissing();
if (missing) console.warn(`test/deploy/deploy-files.test.ts ${missing}`);

interface Container {
  args: string[];
  env: { name: string; value?: string; valueFrom?: unknown }[];
  ports: { name: string; containerPort: number }[];
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
}
interface K8sDoc {
  kind: string;
  metadata: { name: string };
  spec: {
    template?: { spec: { containers: Container[] } };
    ports?: { port: number; targetPort: string }[];
  };
}

const docs = (file: string) =>
  parseAllDocuments(readFileSync(new URL(file, ROOT), 'utf8')).map((d) => d.toJSON() as K8sDoc);
const standinDocs = docs('deploy/kubernetes/standin.yaml');
const deployment = standinDocs.find((d) => d.kind === 'Deployment')!;
const container = deployment.spec.template!.spec.containers[0]!;
const compose = parse(readFileSync(new URL('compose.replicas.yaml', ROOT), 'utf8')) as {
  services: { standin: { command: string[]; deploy: { replicas: number } } };
};

/** The file's `serve` arguments for a test machine: the Redis of the test, loopback, any port. */
function local(args: string[], redis: RedisServer): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === 'serve') continue;
    if (arg === '--port' || arg === '--host') i++;
    else if (arg === '--state') out.push(arg, args[++i]!.replace(/^redis:\/\/[^/]+/, redis.url));
    else out.push(arg);
  }
  return out;
}

describe('deploy/kubernetes', () => {
  it('probes the port the container names, and the Service targets it', () => {
    const port = container.ports[0]!;
    expect(port).toEqual({ name: 'http', containerPort: 4010 });
    expect(container.args.slice(0, 5)).toEqual(['serve', '--host', '0.0.0.0', '--port', '4010']);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/__standin/health', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/__standin/health', port: 'http' });
    const service = standinDocs.find((d) => d.kind === 'Service')!;
    expect(service.spec.ports).toEqual([{ name: 'http', port: 4010, targetPort: 'http' }]);
    const redisService = docs('deploy/kubernetes/redis.yaml').find((d) => d.kind === 'Service')!;
    expect(container.args).toContain(`redis://${redisService.metadata.name}:6379`);
    expect(compose.services.standin.deploy.replicas).toBe(2);
  });
});

describe.skipIf(missing !== null)('the files’ command lines, run', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it.each([
    ['deploy/kubernetes/standin.yaml', () => container.args],
    ['compose.replicas.yaml', () => compose.services.standin.command],
  ])('%s: serves, and its probe path answers without the admin token', async (_file, args) => {
    const server = await startServe([...local(args(), redis), '--agents', '2', '--days', '5'], {
      STANDIN_ADMIN_TOKEN: 'a-token-the-probe-does-not-have',
      STANDIN_REPLICA: 'standin-7d9f-abcde',
    });
    try {
      const health = await fetch(`${server.origin}${container.readinessProbe.httpGet.path}`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe('ok');
      // Everything else needs the token, as the Secret provides it.
      expect((await fetch(`${server.origin}/__standin/requests`)).status).toBe(403);
      const listed = await fetch(`${server.origin}/__standin/requests`, {
        headers: { authorization: 'Bearer a-token-the-probe-does-not-have' },
      });
      expect(listed.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
