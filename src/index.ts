/**
 * standin's public API: what users may import (`import { createApp } from 'standin'`).
 * Anything not exported here is internal and may change.
 */

export { loadContract } from './api/contracts.ts';
export type { RunningServer, ServerOptions } from './api/server.ts';
export { startServer } from './api/server.ts';
export type { VerifyOptions, VerifyReport, VerifySummary } from './api/verify.ts';
export { runVerify } from './api/verify.ts';
export type { AppOptions, CredentialOverrides, SettingsOverrides } from './app.ts';
export { CONTROLS_PATH, createApp, resolveCredentials, VENDOR_MODULES } from './app.ts';
export type { Credentials } from './config/credentials.ts';
export { DEFAULT_CREDENTIALS, redact } from './config/credentials.ts';
export type { ExportFormat, PrivacyLevel, Settings } from './config/settings.ts';
export { DEFAULT_SETTINGS, EXPORT_FORMATS, PRIVACY_LEVELS } from './config/settings.ts';
export { contractPath } from './contract/contract-path.ts';
export type { Exchange, JudgeOptions, Verdict, Violation } from './contract/exchange/index.ts';
export { createJudge } from './contract/exchange/index.ts';
export type { Contract, ContractVendor } from './contract/loader.ts';
export type { CheckResult } from './contract/suite/reporters/summary.ts';
export type {
  CheckName,
  Finding,
  Outcome,
  PrivacyExpectation,
  Report,
  SuiteVendor,
} from './contract/suite/types.ts';
export { ControlError } from './core/control-error.ts';
export type { Controls, FaultRuleInput, RequestFilter, WaitFilter, WaitResult } from './core/controls.ts';
export {
  autozodVendor,
  defaultEnneoToken,
  enneoVendor,
  mintEnneoToken,
  VENDOR_DESCRIPTORS,
  voipcubeVendor,
} from './core/registry.ts';
export type { Standin, StandinOptions } from './core/standin.ts';
export { createStandin } from './core/standin.ts';
export type {
  DataOverride,
  DataOverrideInput,
  Dataset,
  ScenarioState,
  Stub,
  StubInput,
  StubResponseInput,
} from './core/stubs-controls.ts';
export type { PlainRequest, PlainResponse, VendorDescriptor } from './core/types.ts';
export type { Har, RecordingFile, ReplayTable, ValidateOptions } from './har/index.ts';
export { loadReplays, validateRecordings } from './har/index.ts';
export type { ClientCredentials } from './http/dev-credentials.ts';
export { clientCredentials } from './http/dev-credentials.ts';
export type { ErrorCode } from './http/errors.ts';
export { ApiError, apiError, ERROR_CATALOG } from './http/errors.ts';
export type { FaultRule } from './http/fault-rules.ts';
export type { JournalEntry } from './http/journal.ts';
export type { JournalBody } from './http/journal-body.ts';
export type { Fault } from './http/prefer.ts';
export type { RenderedError, VendorDeps, VendorModule, VendorName } from './http/vendor.ts';
export { VENDORS } from './http/vendor.ts';
export type { ProxyJournalEntry, ProxyOptions, RunningProxy } from './proxy/index.ts';
export { startProxy } from './proxy/index.ts';
export { readFixtures, writeFixtures } from './world/fixtures.ts';
export type { WorldOptions } from './world/index.ts';
export { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, generateWorld } from './world/index.ts';
export type {
  AutozodSession,
  ExportRow,
  Person,
  StatusLog,
  TicketWorklogEntry,
  World,
  WorldMeta,
  WorldSize,
} from './world/types.ts';
