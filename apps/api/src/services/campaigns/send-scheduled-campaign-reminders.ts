import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SystemContext } from '../../lib/context.ts';
import { londonDay } from '../../lib/dates.ts';
import { sendAll } from '../../lib/queue.ts';
import { jsonColumn, rowsOf, textArrayColumn, timestampColumn } from '../../lib/rows.ts';
import { remindMessages } from '../../queues/messages.ts';

// Daily: each open campaign's reminder schedule ("+3", "+7" days after sending, "due-1", "due").
// A step whose day has come is claimed once (notifications_sent), and everyone still outstanding is
// reminded through the same queue and consumer as a chase. If the job missed a day, the steps that
// came due meanwhile are claimed together and send one reminder, not several.

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export function stepDay(step: string, launchedDay: string, dueDay: string): string | null {
  const after = /^\+(\d{1,2})$/.exec(step);
  if (after) return addDays(launchedDay, Number(after[1]));
  const before = /^due(?:-(\d{1,2}))?$/.exec(step);
  if (before) return addDays(dueDay, -Number(before[1] ?? 0));
  return null;
}

const CampaignRow = z.object({
  id: z.string(),
  launched_at: timestampColumn,
  due_at: z.string(),
  reminder_schedule: jsonColumn(z.array(z.string())),
  /** The steps already claimed (null when none). */
  done: textArrayColumn,
});

export async function sendScheduledCampaignReminders(ctx: SystemContext) {
  const { db } = ctx;
  const trustId = ctx.actor.trustId;
  const today = londonDay(ctx.now());
  const result = await db.execute(sql`
    select c.id, c.launched_at, c.due_at, c.reminder_schedule,
           (select array_agg(n.recipient) from notifications_sent n
             where n.kind = 'campaign.reminder_step' and n.subject_id = c.id) as done
      from campaigns c
     where c.trust_id = ${trustId}::uuid and c.status in ('sending', 'sent') and c.launched_at is not null`);
  let campaigns = 0;
  let reminded = 0;
  for (const row of rowsOf('campaigns with reminders', CampaignRow, result)) {
    const schedule = row.reminder_schedule;
    const done = new Set(row.done);
    const launchedDay = londonDay(new Date(row.launched_at));
    const due = schedule.filter((step) => {
      const day = stepDay(step, launchedDay, row.due_at);
      return day !== null && day > launchedDay && day <= today && !done.has(step);
    });
    if (due.length === 0) continue;
    // Claim the steps and find who is outstanding in one transaction: a second run claims nothing.
    const [claimed, outstanding] = await db.batch([
      db.execute(sql`
        insert into notifications_sent (trust_id, kind, subject_id, recipient)
        select ${trustId}::uuid, 'campaign.reminder_step', ${row.id}::uuid, unnest(${sql.param(due)}::text[])
        on conflict (kind, subject_id, recipient) do nothing returning recipient`),
      db.execute(sql`
        select id from recipients where campaign_id = ${row.id}::uuid and status in ('sent', 'delivered') order by id`),
    ]);
    if (rowsOf('reminder steps claimed', z.object({ recipient: z.string() }), claimed).length === 0) continue;
    const ids = rowsOf('recipients to remind', z.object({ id: z.string() }), outstanding).map((r) => r.id);
    await sendAll(ctx, remindMessages({ trustId, campaignId: row.id, day: today }, ids));
    campaigns++;
    reminded += ids.length;
  }
  return { campaigns, reminded };
}
