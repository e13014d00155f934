/**
 * Sign-in throttling as pure rules: which counters an attempt is counted under, and whether it
 * may be verified. The repository locks the counters' rows and applies the decision in one
 * transaction; nothing here touches the database.
 *
 * Three counters, each with growing waits rather than a lock-out:
 * - `pair` (address and account): the first failures are free, then each one makes the next
 *   attempt from that address wait 2^n seconds (n failures), up to 15 minutes. A success resets it.
 * - `account` (across addresses): guessing one account from many addresses.
 * - `address` (across accounts): spraying one password over many accounts from one address.
 * An address the account has signed in from before is counted under its pair only, so neither
 * an attack on the account from elsewhere nor other people's failures behind the same address
 * keep the owner out.
 */

export type ThrottleKind = 'pair' | 'account' | 'address';

export interface ThrottleRule {
  /** The failure count whose failure starts the first wait. */
  delayFrom: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures are forgotten this long after the last one, once no wait is in force. */
  memorySeconds: number;
}

export const THROTTLE_RULES: Record<ThrottleKind, ThrottleRule> = {
  // 32 s after the 5th failure, then 64, 128, 256, 512 and at most 900 s: 2^n seconds.
  pair: { delayFrom: 5, firstDelaySeconds: 32, maxDelaySeconds: 900, memorySeconds: 3600 },
  account: { delayFrom: 10, firstDelaySeconds: 60, maxDelaySeconds: 900, memorySeconds: 3600 },
  address: { delayFrom: 20, firstDelaySeconds: 60, maxDelaySeconds: 900, memorySeconds: 3600 },
};

/** The wait, in seconds, that the `failures`-th failure under a rule imposes on the next attempt. */
export function delayAfter(rule: ThrottleRule, failures: number): number {
  if (failures < rule.delayFrom) return 0;
  const exponent = Math.min(failures - rule.delayFrom, 30);
  return Math.min(rule.firstDelaySeconds * 2 ** exponent, rule.maxDelaySeconds);
}

export interface ThrottleKey {
  key: string;
  kind: ThrottleKind;
  /** The e-mail the key is about, for pair and account keys. */
  account: string | null;
}

/**
 * The counters an attempt on `email` from `address` (already bucketed: IPv6 to its /64) is
 * counted under, sorted by key so that concurrent attempts lock shared rows in one order.
 */
export function throttleKeys(address: string, email: string, knownAddress: boolean): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `pair:${address}|${email}`, kind: 'pair', account: email }];
  if (!knownAddress) {
    keys.push({ key: `account:${email}`, kind: 'account', account: email });
    keys.push({ key: `address:${address}`, kind: 'address', account: null });
  }
  return keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface ThrottleState {
  key: string;
  kind: ThrottleKind;
  failures: number;
  blockedUntil: Date | null;
  expiresAt: Date;
}

/** What an allowed attempt writes to one counter; `previousBlockedUntil` is what a success restores. */
export interface ThrottleUpdate {
  key: string;
  kind: ThrottleKind;
  failures: number;
  blockedUntil: Date | null;
  previousBlockedUntil: Date | null;
  lastFailureAt: Date;
  expiresAt: Date;
}

export type ThrottleDecision =
  | { allowed: true; updates: ThrottleUpdate[] }
  | { allowed: false; retryAfterSeconds: number; refusedBy: ThrottleKind[] };

/** A counter as it stands at `now`: one whose memory has run out counts as empty. */
function live(state: ThrottleState, now: Date): { failures: number; blockedUntil: Date | null } {
  if (state.expiresAt.getTime() <= now.getTime()) return { failures: 0, blockedUntil: null };
  return { failures: state.failures, blockedUntil: state.blockedUntil };
}

/**
 * Decides one attempt against its counters, as locked at `now`. An allowed attempt is counted
 * as a failure at once (before its password is checked, so that concurrent attempts see it);
 * a success later takes it back.
 */
export function decideAttempt(states: readonly ThrottleState[], now: Date): ThrottleDecision {
  const at = now.getTime();
  let waitUntil = 0;
  const refusedBy: ThrottleKind[] = [];
  for (const state of states) {
    const blockedUntil = live(state, now).blockedUntil?.getTime() ?? 0;
    if (blockedUntil > at) {
      refusedBy.push(state.kind);
      waitUntil = Math.max(waitUntil, blockedUntil);
    }
  }
  if (refusedBy.length) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - at) / 1000)), refusedBy };
  const updates = states.map((state): ThrottleUpdate => {
    const rule = THROTTLE_RULES[state.kind];
    const current = live(state, now);
    const failures = current.failures + 1;
    const delay = delayAfter(rule, failures);
    const blockedUntil = delay > 0 ? new Date(at + delay * 1000) : null;
    const expiresAt = new Date(Math.max(at + rule.memorySeconds * 1000, blockedUntil?.getTime() ?? 0));
    return {
      key: state.key,
      kind: state.kind,
      failures,
      blockedUntil,
      previousBlockedUntil: current.blockedUntil,
      lastFailureAt: now,
      expiresAt,
    };
  });
  return { allowed: true, updates };
}
