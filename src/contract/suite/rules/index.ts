/** The per-exchange rules of every vendor: what a proxy or validator can judge one exchange by. */
export { autozodRules } from './autozod.ts';
export { enneoExportRules } from './enneo.ts';
export { exchangeOf, expectRule } from './exchange.ts';
export type { ExchangeRule, ExchangeView, RuleProblem } from './types.ts';
export { voipcubeRules } from './voipcube.ts';
