import { createApp } from './app.ts';

const app = createApp();

// Wrangler wants a default export. `queue` and `scheduled` join `fetch` here when the campaign
// sender and the reminder cron arrive.
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Record<string, unknown>>;
