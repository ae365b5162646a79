import { configureLocalDoors, createNoTenantDb, type HttpDb } from '@attest/db';
import { createResendSender, type MailSender } from '@attest/email';
import type { QueueLike, QueueMessage } from '../queues/messages.ts';
import { type AppConfig, type Env, parseEnv } from './env.ts';
import { DomainError } from './errors.ts';

// Start-up, once for every entry point: `fetch`, `queue` and `scheduled` all call createDeps(env)
// and hand services what it returns. Nothing here opens a connection: the HTTP database client is
// a closure over the URL, and Resend's client is a closure over the key.

export interface Deps {
  config: AppConfig;
  /**
   * Inside no trust (attest_app, no app.trust_id): every tenant table is empty to it. Sign-in swaps
   * in the trust's database; link holders, the webhook and jobs get theirs from what they hold.
   */
  db: HttpDb;
  mail: MailSender;
  queue: QueueLike<QueueMessage>;
  now: () => Date;
}

export interface DepsOverrides {
  /** The clock; tests pass a fixed one to check expiry and review dates. */
  now?: () => Date;
}

/**
 * A Worker with no queue bound is misconfigured, but its requests should still answer: sends are
 * written first and enqueued after, and the hourly sweep enqueues whatever was left (lib/queue.ts).
 */
const unboundQueue: QueueLike<QueueMessage> = {
  sendBatch: () => Promise.reject(new Error('WORK_QUEUE is not bound')),
};

const mailers = new WeakMap<AppConfig, MailSender>();

export function createDeps(env: Env, overrides: DepsOverrides = {}): Deps {
  const parsed = parseEnv(env);
  if (!parsed.ok) {
    console.error(JSON.stringify({ level: 'error', msg: 'bad environment', issues: parsed.issues }));
    throw new DomainError('BAD_ENVIRONMENT', 'The service is misconfigured.', parsed.issues);
  }
  const config = parsed.config;
  configureLocalDoors({ fetchEndpoint: config.NEON_FETCH_ENDPOINT, wsProxy: config.NEON_WS_PROXY });
  let mail = mailers.get(config);
  if (!mail) {
    mail = createResendSender({
      apiKey: config.RESEND_API_KEY ?? 're_missing',
      baseUrl: config.RESEND_BASE_URL,
    });
    mailers.set(config, mail);
  }
  return {
    config,
    db: createNoTenantDb(config.DATABASE_URL),
    mail,
    queue: env.WORK_QUEUE ?? unboundQueue,
    now: overrides.now ?? (() => new Date()),
  };
}
