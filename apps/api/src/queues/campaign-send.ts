import { deriveToken, sha256Hex } from '@attest/core';
import type { HttpDb } from '@attest/db';
import { type MailSender, signingRequestEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import type { AppConfig } from '../lib/env.ts';
import type { CampaignSendMessage } from '../services/campaigns/launch.ts';

interface Row {
  id: string;
  email: string;
  person_name: string;
  school_name: string;
  policy_title: string;
  version_label: string;
  due_at: string;
  message: string;
}

export interface ConsumerDeps {
  /** Owner connection: a queue message carries its trust id, and every query is scoped by it. */
  db: HttpDb;
  sender: MailSender;
  config: AppConfig;
}

/**
 * Sends one batch (up to 100) of a campaign in one Resend call. Safe to run twice: the recipients
 * still queued are the ones mailed; the idempotency key is derived from exactly those recipients,
 * so a redelivery after a crash between sending and recording replays Resend's first answer
 * instead of mailing anyone again; the status update only moves queued → sent.
 */
export async function sendCampaignBatch(deps: ConsumerDeps, message: CampaignSendMessage) {
  const { db, sender, config } = deps;
  const result = await db.execute<Record<string, unknown>>(sql`
    select r.id, r.email, p.name as person_name, s.name as school_name, v.content->>'title' as policy_title,
           v.label as version_label, c.due_at, c.message
      from recipients r
      join campaigns c on c.id = r.campaign_id
      join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      join policy_versions v on v.id = r.policy_version_id
     where r.trust_id = ${message.trustId}::uuid and r.campaign_id = ${message.campaignId}::uuid
       and r.batch_no = ${message.batchNo} and r.status = 'queued'
     order by r.id`);
  const rows = result.rows as unknown as Row[];
  if (rows.length === 0) return { sent: 0 };
  const web = config.PUBLIC_WEB_URL ?? 'https://app.attest.example.org';
  const emails = await Promise.all(
    rows.map(async (r) => {
      const token = await deriveToken(config.TOKEN_SECRET, 'sign', r.id);
      const content = signingRequestEmail({
        personName: r.person_name,
        schoolName: r.school_name,
        policyTitle: r.policy_title,
        versionLabel: r.version_label,
        dueAt: r.due_at,
        message: r.message,
        link: `${web}/sign/${token}`,
      });
      return {
        // From the school, by name (quoted: names carry apostrophes and commas), at our address.
        from: `"${r.school_name.replace(/["\\]/g, '')} via Attest" <${/<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM}>`,
        to: [r.email],
        ...content,
        tags: [
          { name: 'campaign', value: message.campaignId },
          { name: 'recipient', value: r.id },
        ],
      };
    }),
  );
  const ids = rows.map((r) => r.id);
  const key = `campaign/${message.campaignId}/batch/${message.batchNo}/${(await sha256Hex(ids.join(','))).slice(0, 16)}`;
  await sender.sendBatch(emails, { idempotencyKey: key });
  await db.batch([
    db.execute(sql`
      update recipients set status = 'sent', sends = sends + 1, last_sent_at = now(), updated_at = now()
       where id = any(${sql.param(ids)}::uuid[]) and status = 'queued'`),
    db.execute(sql`
      update campaigns set status = 'sent', updated_at = now()
       where id = ${message.campaignId}::uuid and status = 'sending'
         and not exists (select 1 from recipients where campaign_id = ${message.campaignId}::uuid and status = 'queued')`),
  ]);
  return { sent: rows.length };
}

/** A chase: the same link again, marked as a reminder; keyed by day and recipients. */
export async function sendCampaignReminders(
  deps: ConsumerDeps,
  message: import('../services/campaigns/remind.ts').CampaignRemindMessage,
) {
  const { db, sender, config } = deps;
  if (message.recipientIds.length === 0) return { sent: 0 };
  const result = await db.execute<Record<string, unknown>>(sql`
    select r.id, r.email, p.name as person_name, s.name as school_name, v.content->>'title' as policy_title,
           v.label as version_label, c.due_at, c.message
      from recipients r
      join campaigns c on c.id = r.campaign_id
      join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      join policy_versions v on v.id = r.policy_version_id
     where r.trust_id = ${message.trustId}::uuid and r.campaign_id = ${message.campaignId}::uuid
       and r.id = any(${sql.param(message.recipientIds)}::uuid[]) and r.status in ('sent', 'delivered')
     order by r.id`);
  const rows = result.rows as unknown as Row[];
  if (rows.length === 0) return { sent: 0 };
  const web = config.PUBLIC_WEB_URL ?? 'https://app.attest.example.org';
  const emails = await Promise.all(
    rows.map(async (r) => ({
      from: `"${r.school_name.replace(/["\\]/g, '')} via Attest" <${/<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM}>`,
      to: [r.email],
      ...signingRequestEmail({
        personName: r.person_name,
        schoolName: r.school_name,
        policyTitle: r.policy_title,
        versionLabel: r.version_label,
        dueAt: r.due_at,
        message: r.message,
        link: `${web}/sign/${await deriveToken(config.TOKEN_SECRET, 'sign', r.id)}`,
        reminder: true,
      }),
      tags: [
        { name: 'campaign', value: message.campaignId },
        { name: 'recipient', value: r.id },
      ],
    })),
  );
  const ids = rows.map((r) => r.id);
  const key = `remind/${message.campaignId}/${message.day}/${(await sha256Hex(ids.join(','))).slice(0, 16)}`;
  await sender.sendBatch(emails, { idempotencyKey: key });
  await db.execute(sql`
    update recipients set sends = sends + 1, last_sent_at = now(), updated_at = now()
     where id = any(${sql.param(ids)}::uuid[]) and (last_sent_at is null or last_sent_at < ${message.day}::date)`);
  return { sent: rows.length };
}
