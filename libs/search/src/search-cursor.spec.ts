import { DomainError } from '@claimdesk/common';
import { decodeRankCursor, encodeRankCursor } from './search-cursor';

describe('rank cursor', () => {
  const id = '0b6f7c1e-8a55-4b7e-9f6b-2d9f0c1a3e44';

  it('round-trips rank and id', () => {
    expect(decodeRankCursor(encodeRankCursor({ rank: 0.0607927, id }))).toEqual({ rank: 0.0607927, id });
    expect(decodeRankCursor(undefined)).toBeNull();
  });

  it.each([
    'x',
    Buffer.from(`0.5|${id}`).toString('base64url'),
    Buffer.from(`r|NaN|${id}`).toString('base64url'),
    Buffer.from('r|0.5|not-a-uuid').toString('base64url'),
    Buffer.from(`r|-1|${id}`).toString('base64url'),
  ])('refuses %s naming the cursor field', (raw) => {
    try {
      decodeRankCursor(raw);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });
});
