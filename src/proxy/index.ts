/** The validating, recording proxy (`standin proxy`), for use from code. */
export type { ProxyJournalEntry } from './journal.ts';
export type { ProxyOptions } from './options.ts';
export { type RunningProxy, startProxy } from './server.ts';
