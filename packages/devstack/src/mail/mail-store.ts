import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/**
 * The outbox. In memory, or kept in a file too (`npm run dev` keeps it in .data/, like the
 * database), so that mail caught before a restart, signing links and all, is still there after it.
 */
export class MailStore {
  #messages: CaughtMessage[] = [];
  readonly #file: string | null;
  /**
   * Idempotency keys seen by the Resend door; cleared with the messages (see clear()). Not kept
   * across a restart: like Resend's, they matter for a retry within minutes, not a day later.
   */
  readonly idempotency = new IdempotencyCache();

  /** `file`: JSON Lines, one message a line, appended as mail arrives; null keeps mail in memory only. */
  constructor(options: { file?: string | null } = {}) {
    this.#file = options.file ?? null;
    if (this.#file && existsSync(this.#file)) {
      const { messages, clean } = readMessages(this.#file);
      this.#messages = messages;
      // Rewritten without a torn line, so the next append starts on a line of its own.
      if (!clean) writeFileSync(this.#file, messages.map((m) => `${JSON.stringify(m)}\n`).join(''));
    }
  }

  add(message: NewMessage): CaughtMessage {
    const caught: CaughtMessage = { id: randomUUID(), created_at: new Date().toISOString(), ...message };
    this.#messages.push(caught);
    if (this.#file) {
      // One line per message, appended: a batch of 100 costs 100 small writes, not 100 rewrites.
      mkdirSync(dirname(this.#file), { recursive: true });
      appendFileSync(this.#file, `${JSON.stringify(caught)}\n`, { mode: 0o600 });
    }
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
    if (this.#file && existsSync(this.#file)) writeFileSync(this.#file, '');
  }
}

function readMessages(file: string): { messages: CaughtMessage[]; clean: boolean } {
  const text = readFileSync(file, 'utf8');
  const messages: CaughtMessage[] = [];
  let clean = text === '' || text.endsWith('\n');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      messages.push(JSON.parse(line) as CaughtMessage);
    } catch {
      // A line cut short by a crash mid-write: the messages before and after it still count.
      clean = false;
    }
  }
  return { messages, clean };
}

/** "Ada Lovelace <ada@example.org>" -> "ada@example.org" */
export function bareAddress(address: string): string {
  const match = /<([^<>]+)>\s*$/.exec(address);
  return (match?.[1] ?? address).trim().toLowerCase();
}
