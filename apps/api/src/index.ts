import { createApp } from './app.ts';
import { runScheduled } from './cron/index.ts';

const app = createApp();

// Wrangler wants a default export. `queue` joins these when the campaign sender arrives.
export default {
  fetch: app.fetch,
  scheduled(event, env, ctx) {
    ctx.waitUntil(runScheduled(event.cron, env, new Date(event.scheduledTime)));
  },
} satisfies ExportedHandler<Record<string, unknown>>;
