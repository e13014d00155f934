import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface ChainedEvent {
  chainKey: string;
  chainSeq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prevHash: string;
}

/** Values as they come back from jsonb: dates become strings, undefined disappears. */
export function jsonNormalise(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** SHA-256 over the RFC 8785 canonical JSON of the event, so key order never matters. */
export function hashEvent(event: ChainedEvent): string {
  const canonical = canonicalize({
    chainKey: event.chainKey,
    chainSeq: event.chainSeq,
    occurredAt: event.occurredAt.toISOString(),
    actorUserId: event.actorUserId,
    actorLabel: event.actorLabel,
    entityType: event.entityType,
    entityId: event.entityId,
    action: event.action,
    before: jsonNormalise(event.before),
    after: jsonNormalise(event.after),
    reason: event.reason,
    prevHash: event.prevHash,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

export interface StoredEvent extends ChainedEvent {
  id: number;
  hash: string;
}

export interface ChainHead {
  chainKey: string;
  lastSeq: number;
  lastHash: string;
}

export interface VerifyState {
  events: number;
  chains: number;
  firstBrokenEventId: number | null;
  brokenReason: string | null;
}

/**
 * Checks events in chain order (chainKey, chainSeq). Pure: the repo feeds it batches.
 * An event is broken when its sequence skips, its prevHash is not the previous event's hash,
 * or its own hash does not match its content.
 */
export class ChainVerifier {
  private currentKey: string | null = null;
  private expectedSeq = 1;
  private expectedPrev = GENESIS_HASH;
  readonly state: VerifyState = { events: 0, chains: 0, firstBrokenEventId: null, brokenReason: null };
  private lastByChain = new Map<string, { seq: number; hash: string; id: number }>();

  push(event: StoredEvent): void {
    if (event.chainKey !== this.currentKey) {
      this.currentKey = event.chainKey;
      this.expectedSeq = 1;
      this.expectedPrev = GENESIS_HASH;
      this.state.chains++;
    }
    this.state.events++;
    let problem: string | null = null;
    if (event.chainSeq !== this.expectedSeq) problem = `sequence ${event.chainSeq} where ${this.expectedSeq} was expected`;
    else if (event.prevHash !== this.expectedPrev) problem = 'previous hash does not match the previous event';
    else if (hashEvent(event) !== event.hash) problem = 'content does not match its hash';
    if (problem) this.broken(event.id, `${event.chainKey}: ${problem}`);
    this.expectedSeq = event.chainSeq + 1;
    this.expectedPrev = event.hash;
    this.lastByChain.set(event.chainKey, { seq: event.chainSeq, hash: event.hash, id: event.id });
  }

  /** A head that does not match its chain's last event means events were removed. */
  checkHeads(heads: Iterable<ChainHead>): void {
    const seen = new Set<string>();
    for (const head of heads) {
      seen.add(head.chainKey);
      const last = this.lastByChain.get(head.chainKey);
      if (!last) {
        this.broken(0, `${head.chainKey}: every event of the chain is missing`);
      } else if (last.seq !== head.lastSeq || last.hash !== head.lastHash) {
        this.broken(last.id, `${head.chainKey}: events after sequence ${last.seq} are missing`);
      }
    }
    for (const [chainKey, last] of this.lastByChain) {
      if (!seen.has(chainKey)) this.broken(last.id, `${chainKey}: the chain has no head`);
    }
  }

  private broken(id: number, reason: string): void {
    if (this.state.firstBrokenEventId === null || id < this.state.firstBrokenEventId) {
      this.state.firstBrokenEventId = id;
      this.state.brokenReason = reason;
    }
  }

  /** A digest of every chain head: record it elsewhere to anchor the trail externally. */
  static digest(heads: ChainHead[]): string {
    const h = createHash('sha256');
    for (const head of [...heads].sort((a, b) => (a.chainKey < b.chainKey ? -1 : 1))) {
      h.update(`${head.chainKey}\n${head.lastSeq}\n${head.lastHash}\n`);
    }
    return h.digest('hex');
  }
}
