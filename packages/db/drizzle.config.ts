import { defineConfig } from 'drizzle-kit';

// Migrations are generated (never pushed) into the top-level drizzle/ folder and committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
