import { z } from 'zod';
import type { QueueLike, QueueMessage } from '../queues/messages.ts';

// The Worker's environment, parsed once per isolate. A bad one answers 500 BAD_ENVIRONMENT at the
// edge rather than failing somewhere deep inside a request.
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

export const EnvSchema = z
  .object({
    // Required, with no default: a Worker that does not say where it runs must not guess
    // "development" and accept the dev stack's tokens and doors.
    ENVIRONMENT: z.enum(['development', 'test', 'production'], {
      error: 'must be set to development, test or production',
    }),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    CLERK_JWT_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }),
    CLERK_AUTHORIZED_PARTIES: z.string().optional(),
    NEON_FETCH_ENDPOINT: optionalUrl,
    NEON_WS_PROXY: z.string().optional(),
    RESEND_API_KEY: z.string().optional(),
    RESEND_BASE_URL: optionalUrl,
    MAIL_FROM: z.string().default('Attest <no-reply@attest.example.org>'),
    /** Resend's webhook signing secret (whsec_…); without it every webhook is refused. */
    RESEND_WEBHOOK_SECRET: z.string().optional(),
    /** Keys the signing links (HMAC); a Worker secret. Rotating it retires every open link. */
    TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /**
     * Shared with the web app: with it, the signer's address and browser that the web app passes on
     * are believed (lib/signer-evidence.ts). Required in production.
     */
    WEB_API_KEY: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    /** Where the web app lives: every emailed link starts here, so it is required everywhere. */
    PUBLIC_WEB_URL: z.url({ error: 'must be the web app’s address, e.g. https://attest.your-trust.org' }),
  })
  .superRefine((env, ctx) => {
    // The dev stack's doors exist only on a developer's machine. In production their presence
    // means a copied .dev.vars: refuse to start rather than send traffic (or trust tokens) there.
    if (env.ENVIRONMENT !== 'production') return;
    for (const key of ['NEON_FETCH_ENDPOINT', 'NEON_WS_PROXY', 'RESEND_BASE_URL'] as const) {
      if (env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is a development-only setting' });
    }
    if (!env.RESEND_API_KEY)
      ctx.addIssue({ code: 'custom', path: ['RESEND_API_KEY'], message: 'is required' });
    if (!env.WEB_API_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_API_KEY'],
        message: 'is required: without it a signature records the web server, not the signer',
      });
    if (!env.CLERK_AUTHORIZED_PARTIES?.trim())
      ctx.addIssue({
        code: 'custom',
        path: ['CLERK_AUTHORIZED_PARTIES'],
        message:
          'is required (the web app’s origin): without it a session made for another site would be accepted',
      });
    // A link on a placeholder or local host would reach nobody, or the wrong machine.
    const web = URL.parse(env.PUBLIC_WEB_URL);
    if (web && (web.protocol !== 'https:' || PLACEHOLDER_HOST.test(web.hostname)))
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_WEB_URL'],
        message: 'must be the web app’s real https address, not a placeholder or local one',
      });
  });

const PLACEHOLDER_HOST =
  /(^|\.)(example\.(org|com|net)|localhost|invalid|test)$|^127\.|^\[?::1\]?$|^0\.0\.0\.0$/i;

export type AppConfig = z.infer<typeof EnvSchema>;

/**
 * The Worker's bindings, as wrangler.toml and `wrangler secret put` declare them. Strings are
 * checked by EnvSchema above; the queue is a binding, not a string, so it is typed here only.
 */
export interface Env {
  ENVIRONMENT?: string;
  DATABASE_URL?: string;
  CLERK_JWT_KEY?: string;
  CLERK_AUTHORIZED_PARTIES?: string;
  NEON_FETCH_ENDPOINT?: string;
  NEON_WS_PROXY?: string;
  RESEND_API_KEY?: string;
  RESEND_BASE_URL?: string;
  MAIL_FROM?: string;
  RESEND_WEBHOOK_SECRET?: string;
  TOKEN_SECRET?: string;
  PUBLIC_WEB_URL?: string;
  WEB_API_KEY?: string;
  /**
   * The one work queue (wrangler.toml [[queues.producers]]) carrying every kind in
   * queues/messages.ts. Typed as the part of Cloudflare's `Queue` we use, which the real binding
   * satisfies as it is, so tests can bind a recording queue without a cast.
   */
  WORK_QUEUE?: QueueLike<QueueMessage>;
}

const cache = new WeakMap<object, AppConfig>();

export function parseEnv(bindings: Env): { ok: true; config: AppConfig } | { ok: false; issues: string[] } {
  const cached = cache.get(bindings);
  if (cached) return { ok: true, config: cached };
  const result = EnvSchema.safeParse(bindings);
  if (!result.success) {
    return { ok: false, issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  cache.set(bindings, result.data);
  return { ok: true, config: result.data };
}
