import { describe, expect, it } from 'vitest';
import { renderVoipcubeError } from '../../../mocks/voipcube/errors.ts';
import { apiError } from '../../../src/http/errors.ts';

describe('renderVoipcubeError', () => {
  it('renders { message, code, parameter } with the catalog status', () => {
    expect(renderVoipcubeError(apiError('PERIOD_TOO_LONG', 'too long', { parameter: 'to' }))).toEqual({
      status: 400,
      body: { message: 'too long', code: 'PERIOD_TOO_LONG', parameter: 'to' },
    });
  });

  it('leaves parameter out when there is none', () => {
    expect(renderVoipcubeError(apiError('UNAUTHENTICATED', 'no key'))).toEqual({
      status: 401,
      body: { message: 'no key', code: 'UNAUTHENTICATED' },
    });
  });
});
