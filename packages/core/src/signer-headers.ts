/**
 * How the web app passes a signer's own address and browser to the API, which sees only the web
 * Worker (apps/api/src/lib/signer-evidence.ts reads them; apps/web/src/lib/server/api.ts sends
 * them). `key` carries WEB_API_KEY: without it the other two are ignored.
 */
export const SIGNER_HEADERS = {
  key: 'x-attest-web-key',
  ip: 'x-attest-signer-ip',
  agent: 'x-attest-signer-agent',
} as const;
