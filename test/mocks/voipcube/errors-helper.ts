import { ApiError } from '../../../src/http/errors.ts';

/** Runs `fn` and returns the ApiError it throws; fails the test when it throws nothing else. */
export function thrownBy(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError, but nothing was thrown');
}
