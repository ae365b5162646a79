import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';

// A trust is the tenant. It is found from the verified identity's Clerk organization id,
// never from anything the request says about itself.
export const trusts = pgTable('trusts', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  clerkOrgId: text('clerk_org_id').notNull().unique(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
