/**
 * Failed logins per user name and address: after `maxFailures` within `windowMs` that name is refused
 * (429) from that address until the window has passed, whatever password is tried. Counting per name
 * alone let anyone lock out any account, the beheerder's included, with five wrong passwords; now the
 * owner logs in from their own address meanwhile. Guessing from many addresses stays bounded by the
 * per-address limit (@fastify/rate-limit on the route) and the cost of argon2 (decision 0004). Unknown
 * names are counted too, so the answer does not tell which accounts exist.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  isBlocked(username: string, address: string, now: number): boolean {
    const key = keyOf(username, address);
    const entry = this.failures.get(key);
    if (!entry) return false;
    if (now - entry.since > this.windowMs) {
      this.failures.delete(key);
      return false;
    }
    return entry.count >= this.maxFailures;
  }

  recordFailure(username: string, address: string, now: number): void {
    const key = keyOf(username, address);
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > this.windowMs) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 10_000) this.prune(now);
  }

  recordSuccess(username: string, address: string): void {
    this.failures.delete(keyOf(username, address));
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.since > this.windowMs) this.failures.delete(key);
  }
}

function keyOf(username: string, address: string): string {
  // a newline cannot occur in an address, so no two pairs share a key
  return `${username.toLowerCase()}\n${address}`;
}
