import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { deliverQueued, demoIds, launchCampaign, publishStaffPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';
import {
  DEAD_LETTER_QUEUE,
  handleQueueBatch,
  type QueueMessageLike,
  retryDelaySeconds,
  WORK_QUEUE,
} from './index.ts';

// The queue consumer under failure, with the real consumer, the real Resend SDK and real Postgres.
// Resend's outages come from a small local server that answers as Resend does when it is down or
// rate-limiting; a crash between sending and recording comes from a real trigger in the database.

const h = useHarness();
let policyId: string;
const schoolKeys = ['moorthorpe', 'castle-lane', 'hollin-bank', 'barton-st-peters', 'st-michaels'];

/** Launches a one-school campaign and answers its queued messages (one per 100 people). */
async function launchAt(schoolKey: string) {
  const { campaignId, recipients } = await launchCampaign(h, {
    policyId,
    schoolIds: [demoIds.school('pennine', schoolKey)],
    name: `AUP ${schoolKey}`,
    dueInDays: 14,
  });
  return { id: campaignId, recipients, messages: h.queue.drain() };
}

const mailTo = (campaignId: string) =>
  h.stack.mail.messages().filter((m) => m.tags?.some((t) => t.name === 'campaign' && t.value === campaignId));

/** A stand-in for Resend while it is failing: every call answers `status` with Resend's error body. */
async function failingResend(
  status: number,
): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls++;
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        statusCode: status,
        name: status === 429 ? 'rate_limit_exceeded' : 'application_error',
        message: 'try later',
      }),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

beforeAll(async () => {
  policyId = await publishStaffPolicy(h);
});

describe('queue consumer: error', () => {
  it('retries a message of an unknown kind with a growing delay, never acks it, and the dead-letter queue logs it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const delays: (number | undefined)[] = [];
      // Cloudflare delivers it again after each retry, up to max_retries (8) more times.
      for (let attempts = 1; attempts <= 9; attempts++) {
        const outcome = await deliverQueued(h, [{ kind: 'campaign.archive', trustId: crypto.randomUUID() }], {
          attempts,
          delays,
        });
        expect(outcome).toEqual({ acked: 0, retried: 1 });
      }
      expect(delays).toEqual(Array.from({ length: 9 }, (_, i) => retryDelaySeconds(i + 1)));
      expect(delays[8]!).toBeGreaterThan(delays[0]!);

      // Then it is the dead-letter queue's: logged whole for an operator, and acked there.
      let acked = 0;
      await handleQueueBatch(
        DEAD_LETTER_QUEUE,
        [{ id: 'm-1', body: { kind: 'campaign.archive' }, attempts: 9, ack: () => acked++, retry: () => {} }],
        h.env,
      );
      expect(acked).toBe(1);
      const lines = errors.mock.calls.map(([line]) => JSON.parse(String(line)));
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'dead letter: a queue message could not be handled',
          body: { kind: 'campaign.archive' },
        }),
      );
    } finally {
      errors.mockRestore();
    }
    const wrangler = await import('node:fs').then((fs) =>
      fs.readFileSync(new URL('../../../../wrangler.toml', import.meta.url), 'utf8'),
    );
    expect(wrangler).toContain(`dead_letter_queue = "${DEAD_LETTER_QUEUE}"`);
    expect(wrangler).toContain(`queue = "${WORK_QUEUE}"`);
  });

  it.each([503, 429])(
    'retries with a growing delay while Resend answers %i, then mails everyone once',
    async (status) => {
      const campaign = await launchAt(status === 503 ? 'castle-lane' : 'hollin-bank');
      const resend = await failingResend(status);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const delays: number[] = [];
      try {
        for (const attempts of [1, 2, 3]) {
          const outcome = { acked: 0, retried: 0 };
          await handleQueueBatch(
            WORK_QUEUE,
            campaign.messages.map((body) => ({
              body,
              attempts,
              ack: () => outcome.acked++,
              retry: (o) => {
                outcome.retried++;
                delays.push(o?.delaySeconds ?? 0);
              },
            })),
            { ...h.env, WORK_QUEUE: h.queue, RESEND_BASE_URL: resend.url },
          );
          expect(outcome).toEqual({ acked: 0, retried: campaign.messages.length });
        }
      } finally {
        warn.mockRestore();
        await resend.close();
      }
      expect(resend.calls()).toBe(3 * campaign.messages.length);
      expect(delays[0]!).toBeLessThan(delays[1]!);
      expect(delays[1]!).toBeLessThan(delays[2]!);
      expect(mailTo(campaign.id)).toHaveLength(0);
      const [queued] = await h.sql<{ n: number }>(
        "select count(*)::int as n from recipients where campaign_id = $1 and status = 'queued'",
        [campaign.id],
      );
      expect(queued!.n).toBe(campaign.recipients);

      // Resend is back: the fourth delivery mails each person once; a fifth changes nothing.
      expect(await deliverQueued(h, campaign.messages, { attempts: 4 })).toEqual({
        acked: campaign.messages.length,
        retried: 0,
      });
      expect(await deliverQueued(h, campaign.messages, { attempts: 5 })).toEqual({
        acked: campaign.messages.length,
        retried: 0,
      });
      const mail = mailTo(campaign.id);
      expect(mail).toHaveLength(campaign.recipients);
      expect(new Set(mail.map((m) => m.to[0])).size).toBe(campaign.recipients);
    },
  );

  it('mails nobody twice when the consumer dies after Resend took the batch and before it was recorded', async () => {
    const campaign = await launchAt('barton-st-peters');
    // The crash: the statement that records the batch as sent fails, after Resend has the mail.
    await h.sql(`
      create function crash_after_send() returns trigger language plpgsql as $$
      begin raise exception 'worker killed'; end $$`);
    await h.sql(`create trigger crash_after_send before update of status on recipients
                 for each row when (new.status = 'sent') execute function crash_after_send()`);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(await deliverQueued(h, campaign.messages)).toEqual({
        acked: 0,
        retried: campaign.messages.length,
      });
    } finally {
      warn.mockRestore();
      await h.sql('drop trigger crash_after_send on recipients');
      await h.sql('drop function crash_after_send');
    }
    expect(mailTo(campaign.id)).toHaveLength(campaign.recipients);

    // Redelivered: the same recipients, so the same idempotency key; Resend replays its answer.
    expect(await deliverQueued(h, campaign.messages, { attempts: 2 })).toEqual({
      acked: campaign.messages.length,
      retried: 0,
    });
    expect(mailTo(campaign.id)).toHaveLength(campaign.recipients);
    const [sent] = await h.sql<{ n: number }>(
      "select count(*)::int as n from recipients where campaign_id = $1 and status = 'sent' and sends = 1",
      [campaign.id],
    );
    expect(sent!.n).toBe(campaign.recipients);
  });

  it('acks the other four when one of five messages in a batch throws', async () => {
    const campaigns = [];
    for (const key of schoolKeys) campaigns.push(await launchAt(key));
    // Moorthorpe's campaign (the first) cannot be recorded: its message alone throws.
    await h.sql(`
      create function refuse_one_campaign() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`);
    await h.sql(`create trigger refuse_one_campaign before update of status on recipients
                 for each row when (new.status = 'sent' and new.campaign_id = '${campaigns[0]!.id}') execute function refuse_one_campaign()`);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const outcome = new Map<string, 'acked' | 'retried'>();
    try {
      const messages: QueueMessageLike[] = campaigns.map((c) => ({
        body: c.messages[0],
        attempts: 1,
        ack: () => outcome.set(c.id, 'acked'),
        retry: () => outcome.set(c.id, 'retried'),
      }));
      expect(messages).toHaveLength(5);
      await handleQueueBatch(WORK_QUEUE, messages, { ...h.env, WORK_QUEUE: h.queue });
    } finally {
      warn.mockRestore();
      await h.sql('drop trigger refuse_one_campaign on recipients');
      await h.sql('drop function refuse_one_campaign');
    }
    expect(campaigns.map((c) => outcome.get(c.id))).toEqual(['retried', 'acked', 'acked', 'acked', 'acked']);
    for (const c of campaigns.slice(1)) expect(mailTo(c.id).length).toBeGreaterThan(0);
  });
});
