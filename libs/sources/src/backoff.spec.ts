import { backoffSeconds } from './backoff';

describe(backoffSeconds.name, () => {
  it('doubles the interval per failure in a row', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(60, n, 86_400))).toEqual([60, 120, 240, 480]);
  });

  it('stops at the maximum, but never waits less than the interval', () => {
    expect(backoffSeconds(60, 40, 3600)).toBe(3600);
    expect(backoffSeconds(7200, 3, 3600)).toBe(7200);
  });
});
