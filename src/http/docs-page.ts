/**
 * The page at `GET /`: what standin serves, where, with which credentials, and links to each
 * contract's interactive docs. Pure: a view model in, HTML out (every value escaped).
 */

/** One vendor as the page lists it. */
export interface VendorView {
  title: string;
  /** The mock's base URL for the vendor. */
  baseUrl: string;
  /** The real vendor's base URL, from the contract. */
  realBaseUrl: string | undefined;
  /** Headers that authenticate, e.g. `{ name: 'Authorization', value: 'Bearer …' }`. */
  credentials: { name: string; value: string }[];
  operations: { method: string; path: string; summary: string }[];
  docsUrl: string;
  openapiUrl: string;
}

export interface IndexView {
  vendors: VendorView[];
  seed: number;
  anchor: string;
  controlsUrl: string;
  /** How the controls are guarded, as a sentence. */
  controlsAccess: string;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1f24; }
h1 { margin-bottom: 0; } .lead { color: #555; margin-top: .25rem; }
section { border: 1px solid #d0d7de; border-radius: 8px; padding: .75rem 1.25rem; margin: 1.25rem 0; }
code { background: #f3f4f6; padding: .1rem .3rem; border-radius: 4px; word-break: break-all; }
dt { font-weight: 600; margin-top: .5rem; } dd { margin-left: 1rem; }
ul { padding-left: 1.25rem; }`;

function vendorSection(v: VendorView): string {
  const e = escapeHtml;
  const creds = v.credentials.map((c) => `<li><code>${e(c.name)}: ${e(c.value)}</code></li>`).join('');
  const ops = v.operations
    .map((o) => `<li><code>${e(o.method)} ${e(o.path)}</code>${o.summary ? ` — ${e(o.summary)}` : ''}</li>`)
    .join('');
  return `<section>
<h2>${e(v.title)}</h2>
<dl>
<dt>Base URL</dt><dd><code>${e(v.baseUrl)}</code>${v.realBaseUrl ? ` (real: <code>${e(v.realBaseUrl)}</code>)` : ''}</dd>
<dt>Credentials (any one)</dt><dd><ul>${creds}</ul></dd>
<dt>Endpoints</dt><dd><ul>${ops}</ul></dd>
<dt>Docs</dt><dd><a href="${e(v.docsUrl)}">Interactive docs (try it out)</a> · <a href="${e(v.openapiUrl)}">OpenAPI JSON</a></dd>
</dl>
</section>`;
}

/** `A, B and C`. */
function listTitles(titles: readonly string[]): string {
  return titles.length <= 1 ? (titles[0] ?? '') : `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
}

/** Renders the whole index page. */
export function renderIndexPage(view: IndexView): string {
  const e = escapeHtml;
  const c = view.controlsUrl;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>standin</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<h1>standin</h1>
<p class="lead">Stand-ins for the ${e(listTitles(view.vendors.map((v) => v.title)))} activity APIs, from one seeded world
(seed <code>${e(String(view.seed))}</code>, anchor <code>${e(view.anchor)}</code>). Swap the base URL; keep your client.</p>
${view.vendors.map(vendorSection).join('\n')}
<section>
<h2>Mock controls</h2>
<p>${e(view.controlsAccess)}</p>
<ul>
<li><code>GET ${e(c)}health</code> — liveness</li>
<li><code>GET|PUT ${e(c)}settings</code> — the vendors' backend settings</li>
<li><code>POST ${e(c)}reset</code> — settings, faults and journal back to their start-up values</li>
<li><code>GET|DELETE ${e(c)}requests</code> — the request journal (<code>?vendor=</code> filters), credentials redacted</li>
<li><code>GET|POST|DELETE ${e(c)}faults</code> — server-wide fault rules</li>
<li>Per request: <code>Prefer: code=503</code>, <code>Prefer: delay=1500</code>, <code>Prefer: fault=reset</code>, combinable</li>
</ul>
</section>
</body>
</html>`;
}
