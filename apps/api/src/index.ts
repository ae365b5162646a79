import { createApp } from './app.ts';
import { runScheduled } from './cron/index.ts';
import { handleQueueBatch } from './queues/index.ts';
import type { CampaignSendMessage } from './services/campaigns/launch.ts';
import type { CampaignRemindMessage } from './services/campaigns/remind.ts';

const app = createApp();

// Wrangler wants a default export: HTTP, the campaign queue's consumer and the cron.
export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await handleQueueBatch(batch.messages, env);
  },
  scheduled(event, env, ctx) {
    ctx.waitUntil(runScheduled(event.cron, env, new Date(event.scheduledTime)));
  },
} satisfies ExportedHandler<Record<string, unknown>, CampaignSendMessage | CampaignRemindMessage>;
