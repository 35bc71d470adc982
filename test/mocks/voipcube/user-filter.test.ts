import { describe, expect, it } from 'vitest';
import { parseUserFilter } from '../../../mocks/voipcube/user-filter.ts';
import { thrownBy } from './errors-helper.ts';

const A = '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e';
const B = 'ebd1a29a-8980-404c-9def-cd54865abdc1';

describe('parseUserFilter', () => {
  it('gives no filter without userIds[]', () => {
    expect(parseUserFilter({ from: '2023-01-01', page: '2' })).toBeUndefined();
  });

  it('reads one id (a string) and several ids (an array)', () => {
    expect([...parseUserFilter({ 'userIds[]': A })!]).toEqual([A]);
    expect([...parseUserFilter({ 'userIds[]': [A, B] })!]).toEqual([A, B]);
  });

  it('lowercases ids and collapses duplicates', () => {
    expect([...parseUserFilter({ 'userIds[]': [A.toUpperCase(), A, B] })!]).toEqual([A, B]);
  });

  it('accepts a UUID of any version', () => {
    const v1 = 'c232ab00-9414-11ec-b3c8-9f6bdeced846';
    const v7 = '018f3b8e-1c2d-7a3b-9c4d-5e6f7a8b9c0d';
    expect([...parseUserFilter({ 'userIds[]': [v1, v7] })!]).toEqual([v1, v7]);
  });

  it.each([
    'abc',
    '',
    '42',
    '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5',
    '0d00ae635b5d45b9a7c088f9cfb26b5e',
    '{0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e}',
    '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5g',
  ])('refuses %j with 400 naming userIds[]', (bad) => {
    const err = thrownBy(() => parseUserFilter({ 'userIds[]': [A, bad] }));
    expect(err).toMatchObject({ status: 400, code: 'INVALID_PARAMETER', parameter: 'userIds[]' });
    expect(err.message).toBe(`userIds[] "${bad}" is not a UUID`);
  });

  it('refuses a plain userIds, explaining the array form', () => {
    const err = thrownBy(() => parseUserFilter({ userIds: A }));
    expect(err).toMatchObject({ status: 400, code: 'INVALID_PARAMETER', parameter: 'userIds' });
    expect(err.message).toBe(
      'userIds is not accepted: userIds must be given as an array, one userIds[] per id, e.g. userIds[]=1d0abaa0-f0f8-42b3-b0f5-d755d33cf3fd&userIds[]=ebd1a29a-8980-404c-9def-cd54865abdc1',
    );
  });

  it('refuses a plain userIds even beside userIds[], and indexed keys too', () => {
    expect(thrownBy(() => parseUserFilter({ 'userIds[]': A, userIds: B })).parameter).toBe('userIds');
    expect(thrownBy(() => parseUserFilter({ 'userIds[0]': A })).message).toMatch(
      /^userIds\[0\] is not accepted/,
    );
  });
});
