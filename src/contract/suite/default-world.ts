import { readFile } from 'node:fs/promises';
import { packagePath } from '../../package-root.ts';

/** Ids of the default world (fixtures/people.json), the suite's last resort when none are given or discoverable. */
export interface DefaultWorldIds {
  teamId: string;
  agentId: string;
  voipcubeUserId: string;
  enneoUserId: number;
  /** The default world's anchor: its newest day of activity. */
  lastDay: string;
}

let cached: Promise<DefaultWorldIds> | undefined;

export function defaultWorldIds(): Promise<DefaultWorldIds> {
  cached ??= load();
  return cached;
}

async function load(): Promise<DefaultWorldIds> {
  const people = JSON.parse(await readFile(packagePath('fixtures', 'people.json'), 'utf8')) as {
    enneo: { userId: number } | null;
    voipcube: { userId: string } | null;
    autozod: { agentId: string; teamId: string } | null;
  }[];
  const meta = JSON.parse(await readFile(packagePath('fixtures', 'meta.json'), 'utf8')) as { anchor: string };
  const agent = people.find((p) => p.autozod && p.voipcube && p.enneo);
  if (!agent?.autozod || !agent.voipcube || !agent.enneo)
    throw new Error('fixtures/people.json has no agent present in all three vendors');
  return {
    teamId: agent.autozod.teamId,
    agentId: agent.autozod.agentId,
    voipcubeUserId: agent.voipcube.userId,
    enneoUserId: agent.enneo.userId,
    lastDay: meta.anchor,
  };
}
