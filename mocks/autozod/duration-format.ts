/**
 * Formats whole seconds as `HH:MM:SS`. Hours are zero-padded to two digits and take as many
 * digits as they need past 99 (a team's month of inactive time runs into the thousands of hours).
 * @example formatDuration(3599) // '00:59:59'
 * @example formatDuration(360_000) // '100:00:00'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError(`a duration must be a non-negative whole number of seconds, got ${seconds}`);
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(rest)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
