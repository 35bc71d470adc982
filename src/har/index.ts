/** HAR 1.2: recording exchanges (credentials redacted) and reading recordings back. */
export { exchangeOfEntry, type HarReadResult, parseHar } from './read.ts';
export { loadReplays, REPLAYED_HEADER, type ReplayAnswer, type ReplayTable } from './replay.ts';
export type {
  Har,
  HarContent,
  HarEntry,
  HarNameValue,
  HarRequest,
  HarResponse,
  HarTimings,
} from './types.ts';
export { type RecordingFile, type ValidateOptions, validateRecordings } from './validate.ts';
export { harEntry, harLog, type RecordInput, redactUrl } from './write.ts';
