import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { firstRowOf } from '../../lib/rows.ts';
import { membershipScope, PersonRow, personSelect, presentPerson } from './present.ts';

export async function getPerson(ctx: ServiceContext, id: string) {
  const { actor } = ctx;
  const visible = actor.isTrustAdmin
    ? sql`true`
    : sql`exists (select 1 from school_memberships f where f.person_id = p.id and ${membershipScope(actor, 'f')})`;
  const result = await ctx.db.execute(sql`
    ${personSelect(actor)} where p.trust_id = ${actor.trustId} and p.id = ${id}::uuid and ${visible}`);
  const row = firstRowOf('person', PersonRow, result);
  if (!row) throw notFound('That person');
  return presentPerson(row);
}
