import { createHash } from 'node:crypto';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

// Resend keeps idempotency keys for 24 hours and limits them to 256 characters.
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'conflict' };

/**
 * Resend's Idempotency-Key semantics: the same key with the same request replays the first
 * answer (and sends nothing); the same key with a different request is refused (409). Only
 * successful answers are remembered, so a corrected retry under the same key goes through.
 */
export class IdempotencyCache {
  #entries = new Map<string, { fingerprint: string; answer: StoredAnswer; expiresAt: number }>();
  #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  lookup(key: string, fingerprint: string): IdempotencyLookup {
    const entry = this.#entries.get(key);
    if (!entry || entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return { kind: 'new' };
    }
    return entry.fingerprint === fingerprint
      ? { kind: 'replay', answer: entry.answer }
      : { kind: 'conflict' };
  }

  remember(key: string, fingerprint: string, answer: StoredAnswer): void {
    this.#entries.set(key, { fingerprint, answer, expiresAt: this.#now() + IDEMPOTENCY_TTL_MS });
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** A request's identity for idempotency: endpoint plus body, insensitive to JSON key order. */
export function requestFingerprint(endpoint: string, body: unknown): string {
  return createHash('sha256').update(endpoint).update('\n').update(stableStringify(body)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
