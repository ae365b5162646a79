import type { HttpDb } from '@attest/db';
import type { AppConfig, Bindings } from './env.ts';

/** Who is calling, resolved from the verified session token and our role assignments. */
export interface Actor {
  userId: string;
  clerkUserId: string;
  name: string;
  email: string;
  trustId: string;
  trustName: string;
  isTrustAdmin: boolean;
  /** Schools a head or school admin may see; ignored for trust admins, who see all. */
  schoolIds: string[];
  roles: { role: 'trust_admin' | 'head' | 'school_admin'; schoolId: string | null }[];
}

/** What services get: never Hono's context, so queues and cron can call the same code. */
export interface ServiceContext {
  db: HttpDb;
  config: AppConfig;
  actor: Actor;
  now: () => Date;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    config: AppConfig;
    db: HttpDb;
    actor: Actor;
    now: () => Date;
  };
}
