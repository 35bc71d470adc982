/** The `--state` URL: what standin takes, and how messages show it. Small, for the CLI's parser. */

/** Why `url` is no Redis URL standin takes, or null when it is one. */
export function stateUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a URL such as redis://127.0.0.1:6379 or redis://redis:6379/1';
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return 'must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)';
  }
  if (parsed.hostname === '') return 'must name a host (redis://host:port)';
  if (!/^\/?(\d{1,2})?$/.test(parsed.pathname))
    return 'may end only in a database number (redis://host:port/1)';
  return null;
}

/** The URL with any password masked, for messages and the banner. */
export function shownStateUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString().replace(/\/$/, '');
}
