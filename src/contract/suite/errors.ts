/** Thrown by a plan's probe when the target cannot be judged at all (wrong credentials, nothing answers). */
export class UnusableTargetError extends Error {
  override readonly name = 'UnusableTargetError';
}
