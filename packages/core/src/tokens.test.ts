import { describe, expect, it } from 'vitest';
import { deriveToken, hashToken, looksLikeToken, redactTokens } from './tokens.ts';

describe('tokens: happy', () => {
  it('derives the same 32-byte token for the same recipient and generation, and a new one for the next', async () => {
    const a = await deriveToken('secret-one', 'sign', 'r1');
    expect(a).toHaveLength(43);
    expect(looksLikeToken(a)).toBe(true);
    expect(await deriveToken('secret-one', 'sign', 'r1')).toBe(a);
    expect(await deriveToken('secret-one', 'sign', 'r1', 1)).not.toBe(a);
    expect(await deriveToken('secret-one', 'sign', 'r2')).not.toBe(a);
  });
  it('stores only a hash that differs from the token', async () => {
    const token = await deriveToken('s', 'sign', 'r1');
    const hash = await hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
  });
});

describe('tokens: security', () => {
  it('cannot be made without the secret', async () => {
    expect(await deriveToken('another-secret', 'sign', 'r1')).not.toBe(
      await deriveToken('secret-one', 'sign', 'r1'),
    );
  });
  it('refuses to look up anything not shaped like a token', () => {
    expect(looksLikeToken("' or 1=1 --")).toBe(false);
    expect(looksLikeToken('a'.repeat(44))).toBe(false);
  });
});

describe('redactTokens', () => {
  it('replaces every signing token in a path or log line, and leaves other paths alone', async () => {
    const token = await deriveToken('s', 'sign', 'r1');
    expect(redactTokens(`GET /v1/sign/${token} 200 OK`)).toBe('GET /v1/sign/[token] 200 OK');
    expect(redactTokens(`POST /sign/${token}/questions; /v1/sign/${token}/fresh-link`)).toBe(
      'POST /sign/[token]/questions; /v1/sign/[token]/fresh-link',
    );
    const loan = await deriveToken('s', 'loan_agreement', 'l1');
    expect(redactTokens(`GET /loan/${loan} and POST /v1/links/${loan}/fresh-link`)).toBe(
      'GET /loan/[token] and POST /v1/links/[token]/fresh-link',
    );
    expect(redactTokens('/v1/sign/fresh-link and /sign/new-link')).toBe(
      '/v1/sign/fresh-link and /sign/new-link',
    );
  });
});
