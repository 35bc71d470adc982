/**
 * The cast of the world: human agents (present in Enneo, VoIPcube and Autozod), field
 * technicians (VoIPcube and Autozod only) and Enneo-only users (an admin and the AI agent's
 * bot user). People depend on the seed and the number of agents only, never on the anchor.
 */
// The German locale's entry alone (with English and base as fallbacks, as [de, en, base]): the
// package's main entry loads every locale, about 35 MB of a server's resident memory.
import { faker as localeFaker } from '@faker-js/faker/locale/de';
import { Random, weightedTable } from './random.ts';
import { DEPARTMENT_WEIGHTS, DEPARTMENTS } from './taxonomy.ts';
import type { Person } from './types.ts';

/** The agent of Autozod's example request (`agent_id=68a6d35049a09719b70539b4`, team 1000). */
const DOC_AUTOZOD_AGENT_ID = '68a6d35049a09719b70539b4';
/** The users of VoIPcube's example response and `userIds[]` example. */
const DOC_VOIPCUBE_USER_IDS = [
  '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e',
  'ebd1a29a-8980-404c-9def-cd54865abdc1',
];
const docId = (fromDoc: string | undefined, drawn: string) => fromDoc ?? drawn;

/** A working shift in minutes after UTC midnight. */
export interface Shift {
  name: string;
  startMinute: number;
  endMinute: number;
}

/** The contact centre's shifts (UTC); every agent works one of them. */
export const SHIFTS: readonly Shift[] = [
  { name: 'early', startMinute: 7 * 60, endMinute: 15 * 60 + 30 },
  { name: 'day', startMinute: 9 * 60, endMinute: 17 * 60 + 30 },
  { name: 'late', startMinute: 11 * 60 + 30, endMinute: 20 * 60 },
];

/** How far an agent's on-duty time may stray from the shift: early log-ins, late log-outs. */
export const SHIFT_TOLERANCE_MINUTES = { beforeStart: 15, afterEnd: 30 } as const;

/** Field technicians in VoIPcube and Autozod only (they do not work tickets in Enneo). */
export const TECHNICIAN_COUNT = 2;

export const ADMIN_USER_ID = 1;
export const BOT_USER_ID = 2;
/** Enneo user id of the first human agent; the others follow in order. */
export const FIRST_AGENT_USER_ID = 11;

const EMAIL_DOMAIN = 'care.example.com';

export interface EnneoUser {
  userId: number;
  name: string;
  email: string;
  department: string;
  teams: string[];
}

/** Someone who works shifts and therefore has VoIPcube statuses and Autozod sessions. */
export interface Human {
  /** Index into Cast.people. */
  person: number;
  enneo: EnneoUser | null;
  voipcubeUserId: string;
  autozodAgentId: string;
  teamId: string;
  /** Index into SHIFTS. */
  shift: number;
  /** Also works Saturdays (the weekend rota). */
  saturdays: boolean;
  technician: boolean;
}

export interface Cast {
  /** people.json, in order: agents, field technicians, admin, AI bot. */
  people: Person[];
  /** Agents first (same order as in people), then technicians. */
  humans: Human[];
  admin: EnneoUser;
  bot: EnneoUser;
}

const SHIFT_WEIGHTS = weightedTable([
  [0, 35],
  [1, 40],
  [2, 25],
] as const);

/** Folds a display name into an ASCII mailbox part (no locale-dependent case mapping). */
function mailbox(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

/**
 * Casts the people of a world. Technicians and the admin are drawn first so that adding agents
 * keeps everyone already there unchanged.
 */
export function castPeople(seed: number, agentCount: number): Cast {
  // One shared instance, reseeded: casting is synchronous, so no other cast draws from it meanwhile.
  const faker = localeFaker;
  faker.seed(seed);
  const rng = new Random(seed, 'people');
  const usedEmails = new Set<string>();

  const drawName = (): { first: string; last: string } => ({
    first: faker.person.firstName(),
    last: faker.person.lastName(),
  });
  const emailFor = (first: string, last: string): string => {
    const local = `${mailbox(first)}.${mailbox(last)}`;
    let email = `${local}@${EMAIL_DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${EMAIL_DOMAIN}`;
    usedEmails.add(email);
    return email;
  };
  const autozodId = (): string => {
    // Shaped like the MongoDB ObjectIds Autozod uses: a 2024/2025 timestamp, then random bytes.
    const time = (0x65900000 + rng.int(0, 0x03000000)).toString(16);
    return time + rng.hex(16);
  };

  const technicianNames = Array.from({ length: TECHNICIAN_COUNT }, drawName);
  const adminName = drawName();
  const admin: EnneoUser = {
    userId: ADMIN_USER_ID,
    name: `${adminName.first} ${adminName.last}`,
    email: emailFor(adminName.first, adminName.last),
    department: 'Operations',
    teams: ['Administration'],
  };
  const bot: EnneoUser = {
    userId: BOT_USER_ID,
    name: 'Enneo AI',
    email: `ai-agent@${EMAIL_DOMAIN}`,
    department: 'Customer care',
    teams: [],
  };
  usedEmails.add(bot.email);

  const technicians: Human[] = technicianNames.map((_, index) => ({
    person: agentCount + index,
    enneo: null,
    voipcubeUserId: rng.uuidV4(),
    autozodAgentId: autozodId(),
    teamId: '1002',
    shift: 0,
    saturdays: false,
    technician: true,
  }));

  const agents: Human[] = [];
  for (let index = 0; index < agentCount; index++) {
    const { first, last } = drawName();
    // The first agents cover every shift so that even a tiny world has the whole day staffed.
    const shift = index < SHIFTS.length ? index : rng.weighted(SHIFT_WEIGHTS);
    const department = DEPARTMENTS[index === 0 ? 0 : rng.weighted(DEPARTMENT_WEIGHTS)]!;
    agents.push({
      person: index,
      enneo: {
        userId: FIRST_AGENT_USER_ID + index,
        name: `${first} ${last}`,
        email: emailFor(first, last),
        department: department.name,
        teams: [...rng.pick(department.teamSets)],
      },
      // The first agents carry the vendor docs' example ids, so that the docs' sample requests
      // (Autozod's curl, VoIPcube's userIds[]) answer with data. The ids are drawn all the same,
      // so that every later id stays what it was.
      voipcubeUserId: docId(DOC_VOIPCUBE_USER_IDS[index], rng.uuidV4()),
      autozodAgentId: docId(index === 0 ? DOC_AUTOZOD_AGENT_ID : undefined, autozodId()),
      teamId: department.autozodTeamId,
      shift,
      // Agent 1 always takes part in the Saturday rota, so someone covers weekends.
      saturdays: index === 1 || rng.chance(0.2),
      technician: false,
    });
  }

  const humans = [...agents, ...technicians];
  const people: Person[] = [
    ...humans.map((human) => ({
      enneo: human.enneo && { ...human.enneo, teams: [...human.enneo.teams] },
      voipcube: { userId: human.voipcubeUserId },
      autozod: { agentId: human.autozodAgentId, teamId: human.teamId },
    })),
    ...[admin, bot].map((user) => ({
      enneo: { ...user, teams: [...user.teams] },
      voipcube: null,
      autozod: null,
    })),
  ];
  return { people, humans, admin, bot };
}
