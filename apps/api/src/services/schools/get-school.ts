import { schools } from '@attest/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { presentSchool, type SchoolRow, schoolColumns } from './present.ts';
import { visibleSchools } from './visibility.ts';

export async function getSchool(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select(schoolColumns)
    .from(schools)
    .where(and(visibleSchools(ctx.actor), eq(schools.id, id)));
  if (!row) throw notFound('That school');
  return presentSchool(row as SchoolRow);
}
