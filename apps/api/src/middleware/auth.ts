import { accessRole, createKeyedTenantDb, createTenantDb, type HttpDb } from '@attest/db';
import { verifyToken } from '@clerk/backend';
import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { AppEnv, UserActor } from '../lib/context.ts';
import { DomainError } from '../lib/errors.ts';
import { firstRowOf, jsonColumn } from '../lib/rows.ts';

interface SessionClaims {
  sub: string;
  orgId?: string;
  orgRole?: string;
  email?: string;
  name?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Clerk session tokens carry the active organization as `o` (v2) or `org_id`/`org_role` (v1). */
export function readSessionClaims(payload: Record<string, unknown>): SessionClaims {
  const o = isRecord(payload.o) ? payload.o : {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    sub: String(payload.sub ?? ''),
    orgId: str(o.id) ?? str(payload.org_id),
    orgRole: (str(o.rol) ?? str(payload.org_role))?.replace(/^org:/, ''),
    email: str(payload.email),
    name: str(payload.name),
  };
}

const DEV_ISSUER = 'https://dev-identity.attest.local';

/**
 * The claims out of what `verifyToken` resolved to. @clerk/backend resolves to the claims (and
 * throws on a bad token); older majors resolved to `{ data, errors }`. Both shapes are read, so an
 * upgrade cannot silently let a token through.
 */
function verifiedClaims(result: unknown): Record<string, unknown> {
  if (!isRecord(result) || Array.isArray(result.errors)) throw new Error('token rejected');
  return isRecord(result.data) ? result.data : result;
}

/**
 * Verifies the bearer token with Clerk's own verifier (networkless, with the PEM key), then turns
 * the identity into a trust and roles. The trust comes only from the verified organization id:
 * nothing in the path or body can choose it.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new DomainError('UNAUTHORIZED', 'Sign in to continue: no session token was sent.');
  const config = c.var.deps.config;
  const authorizedParties = config.CLERK_AUTHORIZED_PARTIES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let payload: Record<string, unknown>;
  try {
    payload = verifiedClaims(
      await verifyToken(match[1]!, {
        jwtKey: config.CLERK_JWT_KEY,
        authorizedParties,
        clockSkewInMs: 5_000,
      }),
    );
  } catch {
    throw new DomainError('UNAUTHORIZED', 'Your session has expired or is not valid. Sign in again.');
  }
  if (config.ENVIRONMENT === 'production' && payload.iss === DEV_ISSUER) {
    throw new DomainError('UNAUTHORIZED', 'Your session has expired or is not valid. Sign in again.');
  }
  const claims = readSessionClaims(payload);
  if (!claims.sub)
    throw new DomainError('UNAUTHORIZED', 'Your session has expired or is not valid. Sign in again.');
  if (!claims.orgId)
    throw new DomainError('FORBIDDEN', 'Choose your trust (organisation) in the sign-in page first.');
  // Until the trust is known, statements run inside the trust of the verified organization only
  // (attest_trust_of_org, in the same round trip): sign-in never needs the owner's reach.
  const actor = await resolveActor(createKeyedTenantDb(config.DATABASE_URL, 'org', claims.orgId), claims);
  c.set('actor', actor);
  // From here on every statement runs under row-level security for this trust (ADR 0002).
  c.set('db', createTenantDb(config.DATABASE_URL, actor.trustId));
  await next();
});

const ActorRow = z.object({
  trust_id: z.string(),
  trust_name: z.string(),
  user_id: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  roles: jsonColumn(
    z.array(z.object({ role: z.enum(accessRole.enumValues), schoolId: z.string().nullable() })),
  ),
});

async function resolveActor(db: HttpDb, claims: SessionClaims): Promise<UserActor> {
  // One round trip: the trust, the user and their roles.
  const select = async () => {
    const row = firstRowOf(
      'session actor',
      ActorRow,
      await db.execute(sql`
      select t.id as trust_id, t.name as trust_name, u.id as user_id, u.name, u.email,
             coalesce(json_agg(json_build_object('role', ra.role, 'schoolId', ra.school_id))
                      filter (where ra.id is not null), '[]') as roles
        from trusts t
        left join users u on u.trust_id = t.id and u.clerk_user_id = ${claims.sub}
        left join role_assignments ra on ra.user_id = u.id and ra.trust_id = t.id
       where t.clerk_org_id = ${claims.orgId}
       group by t.id, u.id`),
    );
    if (!row) throw new DomainError('FORBIDDEN', 'Your organisation has not been set up in Attest yet.');
    return row;
  };
  let row = await select();
  const orgAdmin = claims.orgRole === 'admin';
  if (!row.user_id && orgAdmin) {
    // A Clerk organization admin is a trust admin; give them a user row on first sight so the
    // audit log can name them.
    await db.execute(sql`
      insert into users (trust_id, clerk_user_id, email, name)
      values (${row.trust_id}, ${claims.sub}, ${claims.email ?? ''}, ${claims.name ?? claims.email ?? 'Trust admin'})
      on conflict (trust_id, clerk_user_id) do nothing`);
    row = await select();
  }
  const isTrustAdmin = orgAdmin || row.roles.some((r) => r.role === 'trust_admin');
  if (!row.user_id || (!isTrustAdmin && row.roles.length === 0)) {
    throw new DomainError(
      'FORBIDDEN',
      'You have no role in this trust yet. Ask your trust admin to give you one.',
    );
  }
  return {
    kind: 'user',
    userId: row.user_id,
    clerkUserId: claims.sub,
    name: row.name ?? '',
    email: row.email ?? '',
    trustId: row.trust_id,
    trustName: row.trust_name,
    isTrustAdmin,
    schoolIds: [...new Set(row.roles.map((r) => r.schoolId).filter((s): s is string => !!s))],
    roles: row.roles,
  };
}

/** For routes only a trust admin may use (create a school, read the audit log). */
export const requireTrustAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.actor.isTrustAdmin) throw new DomainError('FORBIDDEN', 'Only a trust admin can do this.');
  await next();
});
