import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../kernel/config.ts';
import { normaliseAddress } from './auth.routes.ts';
import {
  THROTTLE_RULES,
  type ThrottleKind,
  type ThrottleState,
  decideAttempt,
  delayAfter,
  throttleKeys,
} from './auth.throttle.ts';

const KINDS: ThrottleKind[] = ['pair', 'account', 'address'];
const NOW = new Date('2026-05-04T10:00:00.000Z');

function empty(kind: ThrottleKind): ThrottleState {
  return { key: `${kind}:k`, kind, failures: 0, blockedUntil: null, expiresAt: NOW };
}

/** Runs attempts against one counter at the instant `at`, applying each allowed one; returns how many were allowed. */
function allowedAt(state: ThrottleState, at: Date, attempts: number): { allowed: number; state: ThrottleState } {
  let current = state;
  let allowed = 0;
  for (let i = 0; i < attempts; i++) {
    const decision = decideAttempt([current], at);
    if (!decision.allowed) continue;
    allowed++;
    const u = decision.updates[0]!;
    current = { ...current, failures: u.failures, blockedUntil: u.blockedUntil, expiresAt: u.expiresAt };
  }
  return { allowed, state: current };
}

describe('the waits', () => {
  it('are 2^n seconds per address and account from the 5th failure, at most 15 minutes', () => {
    const pair = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => delayAfter(THROTTLE_RULES.pair, n));
    expect(pair).toEqual([0, 0, 0, 0, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('start at the 10th failure for an account and the 20th for an address', () => {
    expect(delayAfter(THROTTLE_RULES.account, 9)).toBe(0);
    expect(delayAfter(THROTTLE_RULES.account, 10)).toBe(60);
    expect(delayAfter(THROTTLE_RULES.address, 19)).toBe(0);
    expect(delayAfter(THROTTLE_RULES.address, 20)).toBe(60);
  });

  it('never shrink as failures grow and never pass the cap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.integer({ min: 0, max: 10_000 }), (kind, n) => {
        const rule = THROTTLE_RULES[kind];
        expect(delayAfter(rule, n + 1)).toBeGreaterThanOrEqual(delayAfter(rule, n));
        expect(delayAfter(rule, n)).toBeLessThanOrEqual(rule.maxDelaySeconds);
      }),
    );
  });
});

describe('deciding an attempt', () => {
  it('lets exactly the free attempts through at one instant, however many come', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 200 }), (kind, attempts) => {
        const { allowed } = allowedAt(empty(kind), NOW, attempts);
        expect(allowed).toBe(Math.min(attempts, THROTTLE_RULES[kind].delayFrom));
      }),
    );
  });

  it('lets one more attempt through once the wait has passed, and then waits longer', () => {
    const { state } = allowedAt(empty('pair'), NOW, 10);
    const firstWait = state.blockedUntil!.getTime() - NOW.getTime();
    const later = new Date(state.blockedUntil!.getTime());
    const next = allowedAt(state, later, 10);
    expect(next.allowed).toBe(1);
    expect(next.state.blockedUntil!.getTime() - later.getTime()).toBe(2 * firstWait);
  });

  it('refuses while any counter waits, naming them, with the longest wait in whole seconds', () => {
    const waiting = (kind: ThrottleKind, ms: number): ThrottleState => ({
      key: `${kind}:k`,
      kind,
      failures: 30,
      blockedUntil: new Date(NOW.getTime() + ms),
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    });
    const decision = decideAttempt([waiting('account', 1_500), empty('address'), waiting('pair', 40_200)], NOW);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 41, refusedBy: ['account', 'pair'] });
  });

  it('forgets a counter whose memory has run out', () => {
    const old: ThrottleState = {
      key: 'pair:k',
      kind: 'pair',
      failures: 12,
      blockedUntil: new Date(NOW.getTime() - 1),
      expiresAt: new Date(NOW.getTime() - 1),
    };
    const decision = decideAttempt([old], NOW);
    expect(decision.allowed && decision.updates[0]).toMatchObject({
      failures: 1,
      blockedUntil: null,
      previousBlockedUntil: null,
    });
  });

  it('remembers failures for an hour after the last one', () => {
    const decision = decideAttempt([empty('address')], NOW);
    expect(decision.allowed && decision.updates[0]!.expiresAt.getTime()).toBe(NOW.getTime() + 3_600_000);
  });
});

describe('the keys of an attempt', () => {
  it('are the pair, the account and the address, in key order', () => {
    expect(throttleKeys('10.0.0.1', 'a@example.com', false).map((k) => k.key)).toEqual([
      'account:a@example.com',
      'address:10.0.0.1',
      'pair:10.0.0.1|a@example.com',
    ]);
  });

  it('are only the pair from an address the account signed in from before', () => {
    expect(throttleKeys('10.0.0.1', 'a@example.com', true)).toEqual([
      { key: 'pair:10.0.0.1|a@example.com', kind: 'pair', account: 'a@example.com' },
    ]);
  });
});

describe('client addresses', () => {
  it('are normalised IP addresses, or nothing', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress(' 2001:DB8::1 ')).toBe('2001:db8::1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('203.0.113.9')).toBe('203.0.113.9');
    for (const bad of ['', 'unknown', '1.2.3.4:5678', 'example.com', '999.1.1.1', null, undefined]) {
      expect(normaliseAddress(bad)).toBeNull();
    }
  });

  it('come from X-Forwarded-For only when TOLLGATE_TRUST_PROXY says how many proxies to trust', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TOLLGATE_TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({ TOLLGATE_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TOLLGATE_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ TOLLGATE_TRUST_PROXY: 'yes' })).toThrow(/TOLLGATE_TRUST_PROXY/);
  });
});
