export { createDevstackApp, type DevstackAppDeps } from './app.ts';
export { findLinks } from './console/html.ts';
export { type ConsoleAddresses, type ConsolePageData, renderConsolePage } from './console/page.ts';
export type { DevAccount, ListDevAccounts } from './identity/dev-account.ts';
export {
  createDevIssuer,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  DEV_AUTHORIZED_PARTY,
  DEV_ISSUER,
  DEV_KEY_FILE,
  DEV_KEY_ID,
  type DevIssuer,
  type IssueTokenClaims,
} from './identity/issuer.ts';
export { createIdentityRoutes } from './identity/routes.ts';
export { createMailboxApi, createResendApi } from './mail/catcher.ts';
export { IdempotencyCache, requestFingerprint } from './mail/idempotency.ts';
export { type CaughtMessage, MailStore, type MailTag } from './mail/mail-store.ts';
export { MAX_BATCH_SIZE, parseEmail, type ResendError } from './mail/resend-validation.ts';
export {
  type NeonErrorBody,
  type NeonQuery,
  type NeonResult,
  toNeonErrorBody,
  toNeonResult,
} from './postgres/neon-http-format.ts';
export { type PgliteServer, type PgliteServerOptions, startPgliteServer } from './postgres/pglite-server.ts';
export { defaultTemplateCacheDir, openPglite } from './postgres/pglite-template.ts';
export { createRawTextPool, createSqlHttpEndpoint } from './postgres/sql-http-endpoint.ts';
export { attachWsBridge, upstreamOf, type WsBridge, type WsBridgeOptions } from './postgres/ws-bridge.ts';
export { type Devstack, type DevstackOptions, startDevstack } from './start-devstack.ts';
