import { createApp } from './app.ts';
import { runScheduled } from './cron/index.ts';
import type { Env } from './lib/env.ts';
import { handleQueueBatch } from './queues/index.ts';
import type { QueueMessage } from './queues/messages.ts';

const app = createApp();

// Wrangler wants a default export: HTTP, the work queue's consumer (and its dead letters), and the
// cron. Each starts from the same createDeps(env) inside.
export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await handleQueueBatch(batch.queue, batch.messages, env);
  },
  scheduled(event, env, ctx) {
    ctx.waitUntil(runScheduled(event.cron, env, new Date(event.scheduledTime)));
  },
} satisfies ExportedHandler<Env, QueueMessage>;
