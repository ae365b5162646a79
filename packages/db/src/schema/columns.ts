import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

// Shared column helpers so every table spells ids, tenancy and timestamps the same way.
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

// Every tenant row carries trust_id (DESIGN.md): queries are always scoped by it, and it is
// indexed on every table so a scoped query never scans another trust's rows.
export const trustId = () => uuid('trust_id').notNull();

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
