/**
 * Every per-exchange rule, in report order: the response's own checks, then each vendor's. The one
 * set of per-answer checks: `proxy` and `validate` run them on exchanges they are handed (judge.ts),
 * `verify` on the answers to its own requests (suite/shared/rule-check.ts).
 */
import { AUTOZOD_RULES } from './autozod.ts';
import { ENNEO_RULES } from './enneo.ts';
import { RESPONSE_RULES } from './response.ts';
import type { ExchangeRule } from './rule.ts';
import { VOIPCUBE_RULES } from './voipcube.ts';

export const EXCHANGE_RULES: readonly ExchangeRule[] = [
  ...RESPONSE_RULES,
  ...ENNEO_RULES,
  ...VOIPCUBE_RULES,
  ...AUTOZOD_RULES,
];

export type { ExchangeRule, RuleContext } from './rule.ts';
