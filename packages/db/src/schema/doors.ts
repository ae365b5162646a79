import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/**
 * Requests to the public doors that send mail or write (email me my links, a fresh link, a
 * question), counted per day to rate-limit them per address and per IP. Not a tenant table: the
 * doors are reached before any trust is known, and an unknown address must count exactly like a
 * known one. Addresses and IPs are stored only as keyed hashes, and rows are pruned after two days.
 */
export const doorRequests = pgTable(
  'door_requests',
  {
    id: id(),
    door: text('door').notNull(),
    /** HMAC of what is limited: an address, a link, or an IP, prefixed by its kind. */
    keyHash: text('key_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('door_requests_key_idx').on(t.door, t.keyHash, t.createdAt)],
);
