/** The 404 messages: where things are, for a path that no vendor or control serves. */

/** Paths longer than this are cut in the message: it is for reading, not for echoing payloads. */
const MAX_ECHOED_PATH = 200;

export function shownPath(path: string): string {
  return path.length > MAX_ECHOED_PATH ? `${path.slice(0, MAX_ECHOED_PATH)}…` : path;
}

/** `vendors are served under …; the mock controls under …; the docs at /`. */
export function listing(basePaths: readonly string[], controlsPath: string): string {
  return `vendors are served under ${basePaths.join(', ')}; the mock controls under ${controlsPath}; the docs at /`;
}

/** The body of the 404 for a path that belongs to no vendor: it says where things are. */
export function notFoundBody(
  method: string,
  path: string,
  basePaths: readonly string[],
  controlsPath: string,
): Record<string, unknown> {
  return {
    code: 'NOT_FOUND',
    message: `no route for ${method} ${shownPath(path)}: ${listing(basePaths, controlsPath)}`,
    basePaths,
    controls: controlsPath,
  };
}

/** The message of a vendor's own 404 (rendered in the vendor's error shape). */
export function vendorNotFoundMessage(
  vendor: string,
  method: string,
  path: string,
  basePaths: readonly string[],
  controlsPath: string,
): string {
  return `no route for ${method} ${shownPath(path)}: ${listing(basePaths, controlsPath)}; this vendor's docs are at /docs/${vendor}/`;
}
