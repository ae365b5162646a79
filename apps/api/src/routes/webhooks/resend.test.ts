import { Webhook } from 'svix';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoIds, launchCampaign, publishPolicy, tableCounts } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

const h = useHarness();
let recipients: { id: string; person_id: string; email: string }[];

beforeAll(async () => {
  const policyId = await publishPolicy(h, {
    audiences: ['governor'],
    clause: {
      category: 'email_communication',
      title: 'Email',
      text: 'I will use my school email for school business.',
    },
  });
  const moorthorpe = demoIds.school('pennine', 'moorthorpe');
  await launchCampaign(h, { policyId, schoolIds: [moorthorpe], name: 'Governors', audiences: ['governor'] });
  recipients = await h.sql('select id, person_id, email from recipients order by id');
  expect(recipients.length).toBeGreaterThanOrEqual(2);
});

// Signed by the real svix library, with the secret the API is configured with.
const webhook = () => new Webhook(h.env.RESEND_WEBHOOK_SECRET!);
let n = 0;
function signed(
  type: string,
  recipientId: string,
  opts: { id?: string; at?: Date; secret?: string; to?: string } = {},
) {
  const id = opts.id ?? `msg_${++n}_${Date.now()}`;
  const at = opts.at ?? new Date();
  const body = JSON.stringify({
    type,
    created_at: at.toISOString(),
    data: {
      email_id: 'e1',
      // Resend reports the address it sent to: by default, the one the recipient has.
      to: [opts.to ?? recipients.find((r) => r.id === recipientId)?.email ?? 'x@example.org'],
      tags: [{ name: 'recipient', value: recipientId }],
    },
  });
  const signer = opts.secret ? new Webhook(opts.secret) : webhook();
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': signer.sign(id, at, body),
    },
  };
}
const post = (e: { body: string; headers: Record<string, string> }) =>
  h.request('POST', '/webhooks/resend', { body: e.body, headers: e.headers });
const status = async (id: string) =>
  (await h.sql<{ status: string }>('select status from recipients where id = $1', [id]))[0]?.status;

describe('Resend webhooks: happy', () => {
  it('marks a recipient delivered, and a bounce flags the person', async () => {
    const delivered = await post(signed('email.delivered', recipients[0]!.id));
    expect(delivered.status).toBe(200);
    expect(delivered.body).toEqual({ ok: true, result: 'applied' });
    expect(await status(recipients[0]!.id)).toBe('delivered');

    expect((await post(signed('email.bounced', recipients[1]!.id))).status).toBe(200);
    expect(await status(recipients[1]!.id)).toBe('bounced');
    const [person] = await h.sql<{ bounced: boolean }>(
      'select bounced_at is not null as bounced from people where id = $1',
      [recipients[1]!.person_id],
    );
    expect(person?.bounced).toBe(true);
  });

  it('never moves a status backwards', async () => {
    await post(signed('email.delivered', recipients[1]!.id)); // late "delivered" after a bounce
    expect(await status(recipients[1]!.id)).toBe('bounced');
  });

  it('ignores a bounce for an address the person no longer has', async () => {
    const r = recipients[2] ?? recipients[0]!;
    await h.sql("update recipients set status = 'sent' where id = $1", [r.id]);
    const bounced = await post(signed('email.bounced', r.id, { to: 'old.address@example.org' }));
    expect(bounced.status).toBe(200);
    expect(await status(r.id)).toBe('sent');
    const [person] = await h.sql<{ bounced: boolean }>(
      'select bounced_at is not null as bounced from people where id = $1',
      [r.person_id],
    );
    expect(person?.bounced).toBe(false);
  });

  it('does not mark a re-queued person delivered on a late event about their earlier email', async () => {
    const r = recipients[0]!;
    // Withdrawn and put back in the queue just now (as joining again does).
    await h.sql("update recipients set status = 'queued', updated_at = now() where id = $1", [r.id]);
    const late = await post(signed('email.delivered', r.id, { at: new Date(Date.now() - 60_000) }));
    expect(late.status).toBe(200);
    expect(await status(r.id)).toBe('queued');
    // A delivery newer than the requeue (the new email, delivered before the consumer recorded it) does.
    await post(signed('email.delivered', r.id, { at: new Date(Date.now() + 1_000) }));
    expect(await status(r.id)).toBe('delivered');
  });
});

describe('Resend webhooks: security', () => {
  it('refuses a replay of the same event, storing nothing', async () => {
    const event = signed('email.delivered', recipients[0]!.id);
    expect((await post(event)).status).toBe(200);
    const before = await h.sql<{ n: number }>('select count(*)::int as n from email_events');
    const replay = await post(event);
    expect(replay.status).toBe(409);
    expect(await h.sql('select count(*)::int as n from email_events')).toEqual(before);
  });

  it('refuses unsigned, wrongly signed and stale events with 401, storing nothing', async () => {
    const before = await tableCounts(h);
    const [events] = await h.sql<{ n: number }>('select count(*)::int as n from email_events');
    const good = signed('email.bounced', recipients[0]!.id);
    const { 'svix-signature': _s, ...unsigned } = good.headers;
    expect((await post({ body: good.body, headers: unsigned })).status).toBe(401);
    expect(
      (
        await post(
          signed('email.bounced', recipients[0]!.id, {
            secret: 'whsec_QW5vdGhlclNlY3JldEZvclRlc3RzMDEyMzQ1Njc4OQ==',
          }),
        )
      ).status,
    ).toBe(401);
    expect(
      (await post({ body: good.body.replace('bounced', 'delivered'), headers: good.headers })).status,
    ).toBe(401);
    const stale = signed('email.bounced', recipients[0]!.id, { at: new Date(Date.now() - 10 * 60_000) });
    expect((await post(stale)).status).toBe(401);
    expect(await tableCounts(h)).toEqual(before);
    expect((await h.sql<{ n: number }>('select count(*)::int as n from email_events'))[0]).toEqual(events);
    expect(await status(recipients[0]!.id)).toBe('delivered');
  });

  it('refuses a body over 256 KB with 413 before verifying it, storing nothing', async () => {
    const before = await tableCounts(h);
    const good = signed('email.bounced', recipients[0]!.id);
    const huge = JSON.stringify({ ...JSON.parse(good.body), padding: 'x'.repeat(300 * 1024) });
    const res = await post({ body: huge, headers: good.headers });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await tableCounts(h)).toEqual(before);
  });
});
