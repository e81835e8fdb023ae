/**
 * How long to wait before retrying an external call (SMS, carrier) that has
 * failed `attempts` times: 30 s, 1 min, 2 min … capped at 1 hour.
 */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}
