/**
 * Seconds to wait after the `failures`-th failed poll in a row: the interval, doubled per further failure, at most
 * `maxSeconds` (and never less than the interval).
 */
export function backoffSeconds(intervalSeconds: number, failures: number, maxSeconds: number): number {
  const doubled = intervalSeconds * 2 ** Math.min(Math.max(failures - 1, 0), 30);
  return Math.max(intervalSeconds, Math.min(doubled, maxSeconds));
}
