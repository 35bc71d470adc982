/**
 * The start-up banner: where each vendor is served and a credential that works there (the
 * development values in full: they are meant to be copied), the world, the controls, how to stop.
 */
import type { WorldMeta } from '../world/types.ts';

export interface BannerVendor {
  title: string;
  baseUrl: string;
  headers: { name: string; value: string }[];
}

export interface BannerView {
  version: string;
  origin: string;
  /** Set when listening on every interface (0.0.0.0 or ::). */
  allInterfaces: boolean;
  vendors: BannerVendor[];
  meta: WorldMeta;
  /** The fixture folder served, when not a generated world. */
  fixturesDir?: string;
  adminTokenSet: boolean;
}

/** The banner's lines. */
export function bannerLines(view: BannerView): string[] {
  const { meta } = view;
  const world = view.fixturesDir
    ? `fixtures from ${view.fixturesDir} (seed ${meta.seed}, anchor ${meta.anchor})`
    : `seed ${meta.seed}, anchor ${meta.anchor} (${meta.size.agents} agents, ${meta.size.days} days, ${meta.size.tickets} tickets)`;
  const width = Math.max(...view.vendors.map((v) => v.title.length), 'Controls'.length) + 2;
  const pad = (s: string) => s.padEnd(width);
  const lines = [`standin ${view.version} — ${world}`];
  for (const vendor of view.vendors) {
    lines.push(`  ${pad(vendor.title)}${vendor.baseUrl}`);
    for (const h of vendor.headers) lines.push(`  ${pad('')}  ${h.name}: ${h.value}`);
  }
  lines.push(`  ${pad('Docs')}${view.origin}/`);
  lines.push(
    `  ${pad('Controls')}${view.origin}/__standin/ (${view.adminTokenSet ? 'admin token required' : 'loopback only'})`,
  );
  if (view.allInterfaces)
    lines.push('Listening on every interface: the credentials above work from other machines too.');
  lines.push('Ctrl-C to stop');
  return lines;
}

/** The origin to print for a listening address: wildcard addresses are shown as localhost. */
export function displayOrigin(host: string, port: number): { origin: string; allInterfaces: boolean } {
  const allInterfaces = host === '0.0.0.0' || host === '::';
  const shown = allInterfaces ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { origin: `http://${shown}:${port}`, allInterfaces };
}
