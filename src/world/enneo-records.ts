/**
 * Enneo's records of a generated world, held compactly: the TicketStore's typed arrays plus a few
 * typed arrays of ids, orders and the random draws of each entry. Export rows and ticket worklog
 * entries are built from them on demand (one row, one ticket, one column). A million rows held as
 * objects cost ~530 MB and their worklog entries ~550 MB (measured); held so, a 1M-row server's
 * whole live heap is ~160 MB, and the garbage collector has millions fewer objects to trace.
 */
import {
  CSAT_STARS,
  csatAnswer,
  csatTexts,
  durationOf,
  exportRow,
  type UserText,
  worklogEntry,
} from './enneo-rows.ts';
import {
  type CellValue,
  type ExportRowSource,
  FACT_FIELDS,
  FIRST_CONVERSATION_ID,
  FIRST_TICKET_ID,
  FIRST_WORKLOG_ID,
  orderBy,
  type TicketWorklogSource,
} from './enneo-source.ts';
import type { EnneoUser } from './people.ts';
import { Random } from './random.ts';
import { SCORECARDS } from './taxonomy.ts';
import { exportJsonArray, type TicketFacts, ticketFacts } from './ticket-facts.ts';
import { TICKET_STATUSES, type TicketStore } from './ticket-store.ts';
import { DAY_S, enneoDateTime } from './time.ts';
import {
  CHANNELS,
  type ExportColumn,
  type ExportRow,
  type TicketWorklogEntry,
  WORKLOG_ACTIONS,
} from './types.ts';

/** Export rows kept once built: a few MB, eight pages of the largest limit (1,000). */
const RECENT_ROWS = 8_192;

/**
 * Ticket ids follow creation time, worklog ids follow the time an entry started; the random
 * draws (scorecards, CSAT answers) are made once, in worklog-id order, exactly as a pass building
 * every record would make them, so a record built alone equals the one built with all others.
 */
export class EnneoRecords implements ExportRowSource, TicketWorklogSource {
  readonly length: number;
  readonly #store: TicketStore;
  readonly #users: ReadonlyMap<number, UserText>;
  /** Ticket index → ticket id, first conversation id; ticket id order → ticket index. */
  readonly #ticketId: Uint32Array;
  readonly #conversationBase: Float64Array;
  readonly #byCreation: Uint32Array;
  /** Row (worklog id − 1) → entry; entry → row; entry → ticket. */
  readonly #entryOf: Uint32Array;
  readonly #rowOf: Uint32Array;
  readonly #ticketOf: Uint32Array;
  /** Per row: first time-tracking id, first assessment id, first scorecard, CSAT id (0 = none), stars, text (−1 = none). */
  readonly #timeTracking: Uint32Array;
  readonly #assessment: Uint32Array;
  readonly #scorecard: Uint8Array;
  readonly #csat: Uint32Array;
  readonly #stars: Uint8Array;
  readonly #csatText: Int8Array;
  /** The facts of the ticket built last: a page often shows a ticket's rows side by side. */
  #lastTicket = -1;
  #lastFacts: TicketFacts | undefined;
  readonly #recent = new Map<number, ExportRow>();

  /** @throws Error when an entry names an Enneo user not in `users`. */
  constructor(seed: number, store: TicketStore, users: ReadonlyMap<number, EnneoUser>, worldStart: number) {
    this.#store = store;
    const texts = new Map<number, UserText>();
    for (const [id, user] of users) texts.set(id, { user, teams: exportJsonArray(user.teams) });
    this.#users = texts;
    const tickets = store.count;
    const byCreation = orderBy(tickets, (t) => store.createdAt[t]! - worldStart);
    this.#byCreation = byCreation;
    this.#ticketId = new Uint32Array(tickets);
    this.#conversationBase = new Float64Array(tickets);
    let nextConversation = FIRST_CONVERSATION_ID;
    for (let position = 0; position < tickets; position++) {
      const t = byCreation[position]!;
      this.#ticketId[t] = FIRST_TICKET_ID + position;
      this.#conversationBase[t] = nextConversation;
      nextConversation += store.conversations[t]!;
    }
    const count = store.entryCount;
    this.length = count;
    this.#ticketOf = new Uint32Array(count);
    for (let t = 0; t < tickets; t++) {
      const first = store.firstEntry[t]!;
      this.#ticketOf.fill(t, first, first + store.entries[t]!);
    }
    for (let e = 0; e < count; e++) this.#user(store.entryUser[e]!);
    this.#entryOf = orderBy(count, (e) => store.entrySegments[4 * e]! - worldStart);
    this.#rowOf = new Uint32Array(count);
    for (let n = 0; n < count; n++) this.#rowOf[this.#entryOf[n]!] = n;
    this.#timeTracking = new Uint32Array(count);
    this.#assessment = new Uint32Array(count);
    this.#scorecard = new Uint8Array(count);
    this.#csat = new Uint32Array(count);
    this.#stars = new Uint8Array(count);
    this.#csatText = new Int8Array(count).fill(-1);
    this.#draw(new Random(seed, 'enneo-views'));
  }

  /** Makes each entry's draws in worklog-id order: scorecard first, then the CSAT answer. */
  #draw(rng: Random): void {
    const store = this.#store;
    let timeTracking = 1;
    let assessment = 1;
    let csat = 1;
    for (let n = 0; n < this.length; n++) {
      const e = this.#entryOf[n]!;
      this.#timeTracking[n] = timeTracking;
      timeTracking += Number.isNaN(store.entrySegments[4 * e + 2]!) ? 1 : 2;
      const assessments = store.entryAssessments[e]!;
      if (assessments > 0) {
        this.#assessment[n] = assessment;
        assessment += assessments;
        this.#scorecard[n] = rng.int(0, SCORECARDS.length - 1);
      }
      if (store.entryCsat[e]) {
        this.#csat[n] = csat++;
        const stars = rng.pick(CSAT_STARS);
        this.#stars[n] = stars;
        if (rng.chance(0.4)) {
          const texts = csatTexts(stars);
          this.#csatText[n] = texts.indexOf(rng.pick(texts));
        }
      }
    }
  }

  #user(userId: number): UserText {
    const info = this.#users.get(userId);
    if (!info) throw new Error(`worklog entry by unknown Enneo user ${userId}`);
    return info;
  }

  #facts(t: number): TicketFacts {
    if (t !== this.#lastTicket || this.#lastFacts === undefined) {
      this.#lastFacts = ticketFacts(this.#store, t, this.#ticketId[t]!, this.#conversationBase[t]!);
      this.#lastTicket = t;
    }
    return this.#lastFacts;
  }

  /** The department handling a ticket: its owner's (who took its first step), on every row. */
  #department(t: number): string {
    return this.#user(this.#store.entryUser[this.#store.firstEntry[t]!]!).user.department;
  }

  #row(n: number, fact: TicketFacts): ExportRow {
    const e = this.#entryOf[n]!;
    const t = this.#ticketOf[e]!;
    const info = this.#user(this.#store.entryUser[e]!);
    return exportRow(this.#store, t, e, FIRST_WORKLOG_ID + n, fact, info, this.#department(t));
  }

  #entry(n: number, fact: TicketFacts): TicketWorklogEntry {
    const csatId = this.#csat[n]!;
    const csat = csatId > 0 ? csatAnswer(csatId, this.#stars[n]!, this.#csatText[n]!) : null;
    return worklogEntry(this.#store, this.#entryOf[n]!, FIRST_WORKLOG_ID + n, fact, {
      timeTracking: this.#timeTracking[n]!,
      assessment: this.#assessment[n]!,
      scorecard: this.#scorecard[n]!,
      csat,
    });
  }

  row(at: number): ExportRow {
    let row = this.#recent.get(at);
    if (row !== undefined) return row;
    if (!(at >= 0 && at < this.length)) throw new RangeError(`no export row at ${at}`);
    row = this.#row(at, this.#facts(this.#ticketOf[this.#entryOf[at]!]!));
    // Rows built last are kept (oldest out first): pages built from objects (xlsx) come back.
    if (this.#recent.size >= RECENT_ROWS) this.#recent.delete(this.#recent.keys().next().value!);
    this.#recent.set(at, row);
    return row;
  }

  entriesOf(ticketId: number): TicketWorklogEntry[] | undefined {
    const position = ticketId - FIRST_TICKET_ID;
    if (!Number.isSafeInteger(position) || position < 0 || position >= this.#byCreation.length)
      return undefined;
    const t = this.#byCreation[position]!;
    const first = this.#store.firstEntry[t]!;
    const rows = Array.from({ length: this.#store.entries[t]! }, (_, i) => this.#rowOf[first + i]!);
    rows.sort((a, b) => a - b);
    const fact = this.#facts(t);
    return rows.map((n) => this.#entry(n, fact));
  }

  /** Every row or entry in worklog-id order, each ticket's facts computed once. */
  #all<T>(build: (n: number, fact: TicketFacts) => T): T[] {
    const facts: (TicketFacts | undefined)[] = new Array(this.#store.count);
    const left = this.#store.entries.slice();
    const out: T[] = new Array(this.length);
    for (let n = 0; n < this.length; n++) {
      const t = this.#ticketOf[this.#entryOf[n]!]!;
      const fact = facts[t] ?? ticketFacts(this.#store, t, this.#ticketId[t]!, this.#conversationBase[t]!);
      // Keep a ticket's facts only while rows of it are still to come.
      facts[t] = --left[t]! > 0 ? fact : undefined;
      out[n] = build(n, fact);
    }
    return out;
  }

  /** Every export row, in canonical order (userWorklogId ascending). */
  exportRows(): ExportRow[] {
    return this.#all((n, fact) => this.#row(n, fact));
  }

  /** Every ticket worklog entry, in canonical order (id ascending). */
  ticketWorklogs(): TicketWorklogEntry[] {
    return this.#all((n, fact) => this.#entry(n, fact));
  }

  column(column: ExportColumn): CellValue[] {
    const store = this.#store;
    const out: CellValue[] = new Array(this.length);
    const cell = this.#cell(column);
    if (cell) {
      for (let n = 0; n < this.length; n++) out[n] = cell(this.#entryOf[n]!, n);
      return out;
    }
    // A column of the ticket's facts: one ticket at a time, each ticket's facts computed once.
    const field = FACT_FIELDS[column];
    for (let t = 0; t < store.count; t++) {
      const fact = ticketFacts(store, t, this.#ticketId[t]!, this.#conversationBase[t]!);
      const first = store.firstEntry[t]!;
      for (let e = first; e < first + store.entries[t]!; e++) {
        const n = this.#rowOf[e]!;
        out[n] = field ? fact[field] : this.#row(n, fact)[column];
      }
    }
    return out;
  }

  /**
   * Non-negative integer keys that order the rows exactly as the column's values do (ties by
   * position, which is userWorklogId order), for the columns that have such keys: a sort by them
   * is numeric and builds no strings. Undefined for the other columns.
   */
  sortKeys(column: ExportColumn, dateOnly: boolean): Float64Array | undefined {
    const s = this.#store;
    let key: ((e: number, n: number) => number) | undefined;
    // `YYYY-MM-DD HH:MM:SS` text orders as the instant it shows (four-digit years).
    if (column === 'date')
      key = dateOnly ? (e) => Math.floor(s.entrySegments[4 * e]! / DAY_S) : (e) => s.entrySegments[4 * e]!;
    else if (column === 'userWorklogId') key = (_e, n) => n;
    else if (column === 'duration') key = (e) => durationOf(s, e);
    else if (column === 'ticketId') key = (e) => this.#ticketId[this.#ticketOf[e]!]!;
    else if (column === 'userId') key = (e) => s.entryUser[e]!;
    if (key === undefined) return undefined;
    const keys = new Float64Array(this.length);
    for (let n = 0; n < this.length; n++) keys[n] = key(this.#entryOf[n]!, n);
    return keys;
  }

  /** A column read straight from the store, or undefined for those of the ticket's facts. */
  #cell(column: ExportColumn): ((e: number, n: number) => CellValue) | undefined {
    const s = this.#store;
    const user = (e: number) => this.#user(s.entryUser[e]!);
    const ticket = (e: number) => this.#ticketOf[e]!;
    switch (column) {
      case 'date':
        return (e) => enneoDateTime(s.entrySegments[4 * e]!);
      case 'name':
        return (e) => user(e).user.name;
      case 'userId':
        return (e) => user(e).user.userId;
      case 'email':
        return (e) => user(e).user.email;
      case 'teams':
        return (e) => user(e).teams;
      case 'ticketId':
        return (e) => this.#ticketId[ticket(e)]!;
      case 'conversationId': {
        const local = (e: number) => s.entryConversation[e]!;
        return (e) => (local(e) < 0 ? null : this.#conversationBase[ticket(e)]! + local(e));
      }
      case 'userWorklogId':
        return (_e, n) => FIRST_WORKLOG_ID + n;
      case 'action':
        return (e) => WORKLOG_ACTIONS[s.entryAction[e]!]!;
      case 'duration':
        return (e) => durationOf(s, e);
      case 'durationAfterWork':
        return (e) => s.entryAfterWork[e]!;
      case 'status':
        return (e) => TICKET_STATUSES[s.entryStatus[e]!]!;
      case 'channel':
        return (e) => CHANNELS[s.channel[ticket(e)]!]!;
      case 'department':
        return (e) => this.#department(ticket(e));
      default:
        return undefined;
    }
  }
}
