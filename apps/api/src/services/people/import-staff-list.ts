import { type MembershipRole, parseStaffList, type StaffListRow } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { enqueue } from '../../lib/queue.ts';
import { jsonColumn, rowsOf } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import {
  joinedSends,
  joinStatements,
  type OpenCampaign,
  openCampaignsAtSql,
  planJoiners,
  toOpenCampaigns,
  withdrawStatement,
} from '../campaigns/membership.ts';
import { getSchool } from '../schools/get-school.ts';
import { actorSchoolIds, seesWholeTrust } from '../schools/visibility.ts';

export const MAX_IMPORT_ROWS = 10_000;

export type ImportStatus = 'added' | 'updated' | 'unchanged' | 'rejected';

export interface ImportReport {
  summary: { total: number; added: number; updated: number; unchanged: number; rejected: number };
  rows: { row: number; status: ImportStatus; name: string | null; email: string | null; errors: string[] }[];
  /** With `missing: 'leave'`: the people at the school the file no longer lists, now marked as left. */
  left: { personId: string; name: string; email: string }[];
}

/**
 * A whole-list import may mark at most this share of the school's current people as left: more
 * than that is far likelier a wrong file (another school's list, half an export) than a real year.
 */
const MAX_LEAVING_SHARE = 0.5;
const LEAVING_ALWAYS_ALLOWED = 10;

/** Someone the file names who is already in the trust, with their roles at this school. */
const ExistingPerson = z.object({
  email: z.string(),
  name: z.string(),
  job_title: z.string().nullable(),
  roles: jsonColumn(z.array(z.object({ role: z.string(), left: z.boolean() }))),
  /** They work at a school outside the importer's (always false for a trust admin). */
  elsewhere: z.boolean(),
});
type ExistingPerson = z.infer<typeof ExistingPerson>;

/** Someone at the school now, and whether the file lists them. */
const CurrentPerson = z.object({ id: z.string(), name: z.string(), email: z.string(), in_file: z.boolean() });

/**
 * Imports a school's staff list. Two round trips whatever the file's size: one read of the people
 * the file names (with the school's open campaigns read alongside it), then one batch (a
 * transaction) of set-based upserts built from arrays. Rows that would change nothing are not written at all, so importing
 * the same file twice changes nothing. People added or back at the school join its open campaigns
 * in the same transaction (services/campaigns/membership.ts), still one statement for them all.
 */
export async function importStaffList(
  ctx: ServiceContext,
  { schoolId, csv, missing: notInFile }: { schoolId: string; csv: string; missing?: 'keep' | 'leave' },
): Promise<ImportReport> {
  const school = await getSchool(ctx, schoolId);
  const parsed = parseStaffList(csv);
  if (parsed.fileErrors.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      parsed.fileErrors[0]!,
      parsed.fileErrors.map((message) => ({ path: 'file', message })),
    );
  }
  if (parsed.rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The file has ${parsed.rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  }
  const parsedValid = parsed.rows.filter((r) => r.errors.length === 0) as (StaffListRow & {
    name: string;
    email: string;
    role: MembershipRole;
  })[];
  const trustId = ctx.actor.trustId;

  const listed = parsed.rows.flatMap((r) => (r.email ? [r.email.trim().toLowerCase()] : []));
  const existing = new Map<string, ExistingPerson>();
  let campaigns: OpenCampaign[] = [];
  let leaving: ImportReport['left'] = [];
  let current = 0;
  if (parsedValid.length > 0) {
    // Statements side by side rather than one db.batch: a read-only batch measured ~40% slower.
    const [found, open, missing] = await Promise.all([
      ctx.db.execute(sql`
      select lower(p.email) as email, p.name, p.job_title,
             coalesce((select json_agg(json_build_object('role', m.role, 'left', m.left_at is not null))
                         from school_memberships m where m.person_id = p.id and m.school_id = ${schoolId}::uuid), '[]') as roles,
             ${
               seesWholeTrust(ctx.actor)
                 ? sql`false`
                 : sql`exists (select 1 from school_memberships m where m.person_id = p.id and m.left_at is null
                                 and not (m.school_id = any(${sql.param(actorSchoolIds(ctx.actor))}::uuid[])))`
             } as elsewhere
        from people p
       where p.trust_id = ${trustId}::uuid and lower(p.email) = any(${sql.param(parsedValid.map((r) => r.email))}::text[])`),
      openCampaignsAtSql(ctx, schoolId),
      // A whole staff list: who is at the school now (any role) and not in the file. A row the
      // file names but we reject (a bad role, say) still counts as listed: nobody leaves by typo.
      notInFile === 'leave'
        ? ctx.db.execute(sql`
      select p.id, p.name, p.email, lower(p.email) = any(${sql.param(listed)}::text[]) as in_file
        from people p
       where p.trust_id = ${trustId}::uuid
         and exists (select 1 from school_memberships m where m.person_id = p.id and m.school_id = ${schoolId}::uuid and m.left_at is null)
       order by lower(p.name), p.id`)
        : null,
    ]);
    for (const row of rowsOf('people the file names', ExistingPerson, found)) existing.set(row.email, row);
    campaigns = toOpenCampaigns(open);
    if (missing) {
      const atSchool = rowsOf('people at the school', CurrentPerson, missing);
      current = atSchool.length;
      leaving = atSchool
        .filter((p) => !p.in_file)
        .map((p) => ({ personId: p.id, name: p.name, email: p.email }));
    }
  }
  if (leaving.length > LEAVING_ALWAYS_ALLOWED && leaving.length > current * MAX_LEAVING_SHARE) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `This file would mark ${leaving.length} of the ${current} people at ${school.name} as left. Check it is ${school.name}'s whole staff list; to add and update people only, import it without marking leavers.`,
      [{ path: 'missing', message: `would mark ${leaving.length} of ${current} as left` }],
    );
  }

  // A head or school admin changes nothing about someone who also works at a school that is not
  // theirs: the row is reported as a conflict for a trust admin to settle.
  const conflicts = new Set(parsedValid.filter((r) => existing.get(r.email)?.elsewhere).map((r) => r.row));
  const valid = parsedValid.filter((r) => !conflicts.has(r.row));
  const statusOf = (row: (typeof valid)[number]): ImportStatus => {
    const person = existing.get(row.email);
    if (!person) return 'added';
    const membership = person.roles.find((m) => m.role === row.role);
    const changed =
      person.name !== row.name ||
      (row.jobTitle !== null && person.job_title !== row.jobTitle) ||
      !membership ||
      membership.left;
    return changed ? 'updated' : 'unchanged';
  };
  const statuses = new Map(valid.map((r) => [r.row, statusOf(r)]));
  const toWrite = valid.filter((r) => statuses.get(r.row) !== 'unchanged');

  const report: ImportReport = {
    summary: { total: parsed.rows.length, added: 0, updated: 0, unchanged: 0, rejected: 0 },
    rows: parsed.rows.map((r) => {
      const status = statuses.get(r.row) ?? 'rejected';
      const errors = conflicts.has(r.row)
        ? [...r.errors, 'works at another school too: only a trust admin can change them']
        : r.errors;
      return { row: r.row, status, name: r.name, email: r.email, errors };
    }),
    left: leaving,
  };
  for (const r of report.rows) report.summary[r.status]++;

  if (toWrite.length > 0 || leaving.length > 0) {
    const joining = await planJoiners(
      ctx,
      schoolId,
      'email',
      toWrite.map((r) => ({ key: r.email, role: r.role })),
      campaigns,
    );
    const names = sql.param(toWrite.map((r) => r.name));
    const emails = sql.param(toWrite.map((r) => r.email));
    const jobs = sql.param(toWrite.map((r) => r.jobTitle));
    const roles = sql.param(toWrite.map((r) => r.role));
    const { added, updated } = report.summary;
    const results = await ctx.db.batch([
      // A blank job title in the file keeps the one on record rather than erasing it.
      ctx.db.execute(sql`
        insert into people (trust_id, name, email, job_title)
        select ${trustId}::uuid, t.name, t.email, t.job_title
          from unnest(${names}::text[], ${emails}::text[], ${jobs}::text[]) as t(name, email, job_title)
        on conflict (trust_id, lower(email)) do update
           set name = excluded.name, job_title = coalesce(excluded.job_title, people.job_title), updated_at = now()
         where (people.name, people.job_title) is distinct from (excluded.name, coalesce(excluded.job_title, people.job_title))`),
      ctx.db.execute(sql`
        insert into school_memberships (trust_id, school_id, person_id, role)
        select ${trustId}::uuid, ${schoolId}::uuid, p.id, t.role::membership_role
          from unnest(${emails}::text[], ${roles}::text[]) as t(email, role)
          join people p on p.trust_id = ${trustId}::uuid and lower(p.email) = t.email
        on conflict (person_id, school_id, role) do update set left_at = null, updated_at = now()
         where school_memberships.left_at is not null`),
      auditInsert(ctx, {
        action: 'people.imported',
        entityType: 'school',
        entityId: schoolId,
        summary: `Imported a staff list into ${school.name}: ${added} added, ${updated} updated${leaving.length ? `, ${leaving.length} marked as left` : ''}`,
        after: { summary: report.summary, left: leaving.map((p) => p.personId) },
      }),
      ...joinStatements(ctx, joining),
      ...(leaving.length
        ? leaverStatements(
            ctx,
            schoolId,
            leaving.map((p) => p.personId),
          )
        : []),
    ]);
    if (joining.rows.length) await enqueue(ctx, joinedSends(trustId, results));
  }
  return report;
}

/** Marks the people as left the school (every role there), then withdraws them where that ends their part. */
function leaverStatements(ctx: ServiceContext, schoolId: string, personIds: string[]) {
  return [
    ctx.db.execute(sql`
      update school_memberships set left_at = now(), updated_at = now()
       where trust_id = ${ctx.actor.trustId}::uuid and school_id = ${schoolId}::uuid and left_at is null
         and person_id = any(${sql.param(personIds)}::uuid[])`),
    withdrawStatement(ctx, personIds, schoolId),
  ];
}
