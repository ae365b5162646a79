import { randomUUID } from 'node:crypto';
import { IdempotencyCache } from './idempotency.ts';

export interface MailTag {
  name: string;
  value: string;
}

/** One email as the catcher received it (Resend's field names, snake_case). */
export interface CaughtMessage {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  reply_to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  /** ISO 8601, UTC. */
  created_at: string;
  /** The Idempotency-Key header of the request that sent it. */
  idempotency_key: string | null;
  /** Position in its /emails/batch call; null for a single send. */
  batch_index: number | null;
  tags: MailTag[];
  headers: Record<string, string>;
}

export type NewMessage = Omit<CaughtMessage, 'id' | 'created_at'>;

/** In-memory outbox; lives as long as the dev stack process. */
export class MailStore {
  #messages: CaughtMessage[] = [];
  /** Idempotency keys seen by the Resend door; cleared with the messages (see clear()). */
  readonly idempotency = new IdempotencyCache();

  add(message: NewMessage): CaughtMessage {
    const caught: CaughtMessage = { id: randomUUID(), created_at: new Date().toISOString(), ...message };
    this.#messages.push(caught);
    return caught;
  }

  /**
   * Newest first (a batch's last email comes first). `to` keeps the messages addressed to that
   * address, compared case-insensitively, in to, cc or bcc.
   */
  messages(filter: { to?: string } = {}): CaughtMessage[] {
    const wanted = filter.to?.trim().toLowerCase();
    const all = [...this.#messages].reverse();
    if (!wanted) return all;
    return all.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((address) => bareAddress(address) === wanted));
  }

  get(id: string): CaughtMessage | undefined {
    return this.#messages.find((m) => m.id === id);
  }

  /**
   * Empties the outbox and forgets idempotency keys too: a cleared catcher behaves like a fresh
   * Resend account, so a test that clears between cases cannot get a replay with nothing stored.
   */
  clear(): void {
    this.#messages = [];
    this.idempotency.clear();
  }
}

/** "Ada Lovelace <ada@example.org>" -> "ada@example.org" */
export function bareAddress(address: string): string {
  const match = /<([^<>]+)>\s*$/.exec(address);
  return (match?.[1] ?? address).trim().toLowerCase();
}
