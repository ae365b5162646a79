import { z } from 'zod';

// Every kind of message the work queue carries, checked when it is received: a message is parsed
// here before any job sees it, so a consumer never acts on a shape it does not know. A message of
// an unknown kind (a newer Worker's, or a typo) is retried and then dead-lettered, never acked
// silently. Messages carry ids only: no tokens, no addresses.

const id = z.guid();
/** Recipients one message names: one Resend batch call sends them. */
const RESEND_BATCH = 100;

export const CampaignSendMessageSchema = z.object({
  kind: z.literal('campaign.send'),
  trustId: id,
  campaignId: id,
  batchNo: z.number().int().nonnegative(),
});

export const CampaignRemindMessageSchema = z.object({
  kind: z.literal('campaign.remind'),
  trustId: id,
  campaignId: id,
  /** The day of the chase (Europe/London): part of the idempotency key, so one chase a day. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  recipientIds: z.array(id).max(RESEND_BATCH),
});

export const QueueMessageSchema = z.discriminatedUnion('kind', [
  CampaignSendMessageSchema,
  CampaignRemindMessageSchema,
]);

export type QueueMessage = z.infer<typeof QueueMessageSchema>;
export type CampaignSendMessage = z.infer<typeof CampaignSendMessageSchema>;
export type CampaignRemindMessage = z.infer<typeof CampaignRemindMessageSchema>;

/** The producer side of a Cloudflare Queue, as much of it as we use (tests record instead). */
export interface QueueLike<T = QueueMessage> {
  sendBatch(messages: { body: T; delaySeconds?: number }[]): Promise<unknown>;
}

/** A reminder to everyone in `recipientIds`, split into messages of one Resend batch (100) each. */
export function remindMessages(
  of: Omit<CampaignRemindMessage, 'kind' | 'recipientIds'>,
  recipientIds: string[],
): CampaignRemindMessage[] {
  const messages: CampaignRemindMessage[] = [];
  for (let i = 0; i < recipientIds.length; i += RESEND_BATCH)
    messages.push({ kind: 'campaign.remind', ...of, recipientIds: recipientIds.slice(i, i + RESEND_BATCH) });
  return messages;
}
