import { describe, expect, it } from 'vitest';
import { ADMIN, deliverQueued, demoIds, launchCampaign, publishStaffPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';

// One unusable address must not stop a batch: Resend takes the other 99 (permissive validation)
// and the refused one is shown as bounced, with the person flagged, as a real bounce would be.

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');

describe('a batch with an unusable address', () => {
  it('mails everyone else once, and marks the unusable one bounced', async () => {
    const policyId = await publishStaffPolicy(h);
    // An address that got past every form (an old import, a direct database fix): only Resend notices.
    const [broken] = await h.sql<{ id: string; email: string }>(
      `update people set email = 'broken address at moorthorpe' where id = (
         select p.id from people p join school_memberships m on m.person_id = p.id
          where m.school_id = $1 and m.role = 'staff' and m.left_at is null order by p.name limit 1)
       returning id, email`,
      [moorthorpe],
    );
    const { campaignId, recipients } = await launchCampaign(h, {
      policyId,
      schoolIds: [moorthorpe],
      name: 'Staff AUP',
    });
    const queued = h.queue.drain();
    h.stack.mail.clear();
    expect(await deliverQueued(h, queued)).toEqual({ acked: 1, retried: 0 });
    expect(h.stack.mail.messages()).toHaveLength(recipients - 1);
    // Redelivered: Resend replays its first answer; nobody is mailed twice, nothing changes.
    expect(await deliverQueued(h, queued)).toEqual({ acked: 1, retried: 0 });
    expect(h.stack.mail.messages()).toHaveLength(recipients - 1);

    const read = await h.request('GET', `/v1/campaigns/${campaignId}`, { as: ADMIN });
    expect(read.body.status).toBe('sent');
    expect(read.body.counts).toMatchObject({ queued: 0, bounced: 1, sent: recipients - 1 });
    const [person] = await h.sql<{ bounced: boolean }>(
      'select bounced_at is not null as bounced from people where id = $1',
      [broken!.id],
    );
    expect(person!.bounced).toBe(true);
  });
});
