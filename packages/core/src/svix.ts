// Verifies webhooks signed the way Svix signs them (Resend's webhooks use Svix): HMAC-SHA256 over
// `${svix-id}.${svix-timestamp}.${body}` with the base64 key after `whsec_`, compared in constant
// time against each `v1,<base64>` in svix-signature, and refused outside a five-minute window so
// a captured request cannot be replayed later. WebCrypto only, so it runs in the Worker.

export const SVIX_TOLERANCE_SECONDS = 5 * 60;

export type SvixFailure = 'missing-headers' | 'bad-timestamp' | 'bad-signature' | 'no-secret';

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function verifySvix(opts: {
  secret: string | undefined;
  id: string | null | undefined;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  body: string;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; reason: SvixFailure }> {
  if (!opts.secret) return { ok: false, reason: 'no-secret' };
  if (!opts.id || !opts.timestamp || !opts.signature) return { ok: false, reason: 'missing-headers' };
  const ts = Number(opts.timestamp);
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > SVIX_TOLERANCE_SECONDS)
    return { ok: false, reason: 'bad-timestamp' };
  let keyBytes: Uint8Array;
  try {
    keyBytes = fromBase64(opts.secret.startsWith('whsec_') ? opts.secret.slice(6) : opts.secret);
  } catch {
    return { ok: false, reason: 'no-secret' };
  }
  const key = await crypto.subtle.importKey(
    'raw',
    keyBytes as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign(
      'HMAC',
      key,
      new TextEncoder().encode(`${opts.id}.${opts.timestamp}.${opts.body}`),
    ),
  );
  const expected = toBase64(mac);
  const ok = opts.signature
    .split(' ')
    .map((part) => part.split(','))
    .some(([version, sig]) => version === 'v1' && !!sig && constantTimeEqual(sig, expected));
  return ok ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
