import { type LinkPurpose, linkPurposes } from '@attest/db';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { intColumn } from '../../lib/rows.ts';
import { signLinkTask, signLinkWithdrawn } from '../signing/signing-page.ts';

// What each kind of emailed link opens. A domain that adds a purpose (docs/adding-a-domain.md)
// adds one entry here: the web page its links open, and the SQL that lists a person's open tasks
// of that kind for "email me my link". Everything else (tokens, expiry, fresh links, withdrawal,
// the cooldown) is shared.

/**
 * The columns every purpose's task SQL answers, one row per link: what a fresh link and the
 * "your links" email need, whatever the task is.
 */
export const TaskRow = z.object({
  /** person_links.id, purpose and generation: what the link's token is derived from. */
  link_id: z.string(),
  purpose: z.enum(linkPurposes),
  generation: intColumn,
  token_hash: z.string(),
  expired: z.boolean(),
  withdrawn: z.boolean(),
  /** open: the person can still act on it; done: they have (signed, accepted); closed: too late. */
  state: z.enum(['open', 'done', 'closed']),
  trust_id: z.string(),
  person_id: z.string(),
  /** The person has already been sent this link (so a replaced link must be sent again). */
  mailed: z.boolean(),
  email: z.string(),
  person_name: z.string(),
  /** "Read and sign", "Accept the loan agreement", …: the email's button and line. */
  action: z.string(),
  /** What the task is about, e.g. "Staff Acceptable Use Agreement 2026/27". */
  title: z.string(),
  school_name: z.string(),
  /** YYYY-MM-DD, or null for a task without a due date. */
  due_at: z.string().nullable(),
});
export type TaskRow = z.infer<typeof TaskRow>;

export interface LinkPurposeSpec {
  /** The web app's page for this purpose's links: `${webPath}/${token}`. */
  webPath: string;
  /** Said to someone asking for a fresh link to a task they have already done. */
  doneMessage: string;
  /**
   * Every task of this purpose, one row per link with the columns of TaskRow. A task is
   * open while the person can still act on it: not done, and not closed by the school.
   */
  tasks?: () => SQL;
}

export const linkPurposeSpecs: Record<LinkPurpose, LinkPurposeSpec> = {
  sign: {
    webPath: '/sign',
    doneMessage: 'You have already signed: open your link to see what you signed.',
    tasks: () => sql`
      select l.id as link_id, l.purpose, l.generation, l.token_hash, l.expires_at < now() as expired,
             ${signLinkWithdrawn} as withdrawn,
             case when r.status = 'signed' then 'done' when c.status in ('sending', 'sent') then 'open' else 'closed' end as state,
             l.trust_id, l.person_id, r.status in ('sent', 'delivered') as mailed, p.email,
             p.name as person_name, 'Read and sign' as action,
             v.content->>'title' || coalesce(' ' || nullif(v.label, ''), '') as title, s.name as school_name, c.due_at
        from ${signLinkTask}
       where l.purpose = 'sign'`,
  },
  // Reserved for the domains that come next; each gives its tasks when it is built.
  loan_agreement: {
    webPath: '/loan',
    doneMessage: 'You have already answered: there is nothing more to do.',
  },
  device_check: {
    webPath: '/device-check',
    doneMessage: 'You have already answered: there is nothing more to do.',
  },
  exception_request: { webPath: '/staff', doneMessage: 'There is nothing waiting for you here.' },
  declaration: { webPath: '/staff', doneMessage: 'There is nothing waiting for you here.' },
};

/** Every purpose's tasks, as one union for one statement (select from it `as t`). */
export function allTasks(): SQL {
  const parts = Object.values(linkPurposeSpecs)
    .map((spec) => spec.tasks?.())
    .filter((part): part is SQL => Boolean(part));
  return sql.join(
    parts.map((part) => sql`(${part})`),
    sql` union all `,
  );
}
