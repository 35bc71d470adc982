import { describe, expect, it } from 'vitest';
import { renderEnneoError } from '../../../mocks/enneo/errors.ts';
import { apiError } from '../../../src/http/errors.ts';

describe('Enneo error body', () => {
  it('renders success false, the message, the code and the parameter', () => {
    expect(
      renderEnneoError(apiError('INVALID_PARAMETER', 'limit must be …', { parameter: 'limit' })),
    ).toEqual({
      status: 400,
      body: { success: false, error: 'limit must be …', code: 'INVALID_PARAMETER', parameter: 'limit' },
    });
  });

  it('leaves parameter out when no parameter is at fault', () => {
    expect(renderEnneoError(apiError('FORBIDDEN', 'no token'))).toEqual({
      status: 403,
      body: { success: false, error: 'no token', code: 'FORBIDDEN' },
    });
  });
});
