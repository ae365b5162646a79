import { auditLog } from '@attest/db';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';

export interface ListAuditInput {
  limit: number;
  cursor?: string;
  entityType?: string;
  actorId?: string;
}

export async function listAudit(ctx: ServiceContext, input: ListAuditInput) {
  const where: SQL[] = [eq(auditLog.trustId, ctx.actor.trustId)];
  if (input.entityType) where.push(eq(auditLog.entityType, input.entityType));
  if (input.actorId) where.push(eq(auditLog.actorUserId, input.actorId));
  const cursor = decodeCursor(input.cursor, 2);
  if (cursor) {
    const [at, id] = cursor as [string, string];
    where.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, id)))!);
  }
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: { id: r.actorUserId, name: r.actorName, email: r.actorEmail },
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      summary: r.summary,
      before: r.before,
      after: r.after,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}
