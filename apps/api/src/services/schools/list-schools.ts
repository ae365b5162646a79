import { schools } from '@attest/db';
import { asc } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { presentSchool, type SchoolRow, schoolColumns } from './present.ts';
import { visibleSchools } from './visibility.ts';

export async function listSchools(ctx: ServiceContext) {
  const rows = await ctx.db
    .select(schoolColumns)
    .from(schools)
    .where(visibleSchools(ctx.actor))
    .orderBy(asc(schools.name));
  return rows.map((r) => presentSchool(r as SchoolRow));
}
