/**
 * Failed logins per user name: after `maxFailures` within `windowMs` that name is refused (429) until
 * the window has passed, whatever password is tried, so a password cannot be guessed slowly from many
 * addresses. The per-address limit is @fastify/rate-limit on the route. Unknown names are counted too,
 * so the answer does not tell which accounts exist.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  isBlocked(username: string, now: number): boolean {
    const entry = this.failures.get(username.toLowerCase());
    if (!entry) return false;
    if (now - entry.since > this.windowMs) {
      this.failures.delete(username.toLowerCase());
      return false;
    }
    return entry.count >= this.maxFailures;
  }

  recordFailure(username: string, now: number): void {
    const key = username.toLowerCase();
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > this.windowMs) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 10_000) this.prune(now);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.since > this.windowMs) this.failures.delete(key);
  }
}
