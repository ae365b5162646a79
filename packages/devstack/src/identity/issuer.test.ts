import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyToken } from '@clerk/backend';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import type { DevAccount } from './dev-account.ts';
import { createDevIssuer, DEV_AUTHORIZED_PARTY, DEV_ISSUER, DEV_KEY_FILE } from './issuer.ts';

const accounts: DevAccount[] = [
  {
    userId: 'user_head_oakfield',
    email: 'head@oakfield.example.org',
    name: 'Priya Shah',
    orgId: 'org_meridian',
    orgRole: 'org:member',
    trustName: 'Meridian Learning Trust',
    role: 'head',
    schools: ['Oakfield Primary'],
  },
  {
    userId: 'user_admin_meridian',
    email: 'admin@meridian.example.org',
    name: 'Tom Reed',
    orgId: 'org_meridian',
    orgRole: 'org:admin',
    trustName: 'Meridian Learning Trust',
    role: 'trust_admin',
    schools: [],
  },
];

let stack: Devstack;
const verify = (token: string, jwtKey = stack.jwtPublicKeyPem) =>
  verifyToken(token, { jwtKey, authorizedParties: [DEV_AUTHORIZED_PARTY] });

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0, identity: { listAccounts: async () => accounts } });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

describe('dev identity, happy', () => {
  it('issues Clerk v2 session tokens that verifyToken({ jwtKey }) accepts', async () => {
    const token = await stack.issueToken({
      userId: 'user_1',
      orgId: 'org_1',
      orgRole: 'org:admin',
      email: 'a@example.org',
    });
    const claims = await verify(token);
    expect(claims).toMatchObject({
      sub: 'user_1',
      iss: DEV_ISSUER,
      azp: DEV_AUTHORIZED_PARTY,
      v: 2,
      o: { id: 'org_1', rol: 'admin', slg: 'org_1' },
      email: 'a@example.org',
    });
    expect(claims.sid).toMatch(/^sess_/);
    expect(claims.exp - claims.iat).toBe(8 * 60 * 60);
    expect(claims.nbf).toBe(claims.iat - 5);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: 'dev-identity', typ: 'JWT' });
    expect(stack.issuer).toBe(DEV_ISSUER);
  });

  it('lists the demo accounts and signs in as one of them by email', async () => {
    const users = await (await fetch(`${stack.url}/identity/users`)).json();
    expect(users).toEqual({ users: accounts });

    const response = await fetch(`${stack.url}/identity/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'HEAD@oakfield.example.org' }),
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(await verify(token)).toMatchObject({
      sub: 'user_head_oakfield',
      o: { id: 'org_meridian', rol: 'member' },
      email: 'head@oakfield.example.org',
    });
  });

  it('publishes the public key as a JWKS that verifies its tokens', async () => {
    const jwks = (await (await fetch(`${stack.url}/identity/jwks.json`)).json()) as { keys: object[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: 'dev-identity', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('keeps its key in keyDir across restarts, so CLERK_JWT_KEY stays valid', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'devstack-identity-'));
    try {
      const first = await createDevIssuer({ keyDir });
      const token = await first.issueToken({ userId: 'user_1', orgId: 'org_1', orgRole: 'org:member' });
      const second = await createDevIssuer({ keyDir });
      expect(second.publicKeyPem).toBe(first.publicKeyPem);
      expect(await verify(token, second.publicKeyPem)).toMatchObject({ sub: 'user_1' });
      expect(JSON.parse(await readFile(join(keyDir, DEV_KEY_FILE), 'utf8'))).toMatchObject({
        kid: 'dev-identity',
      });
      // An in-memory issuer has its own key: the stack's tokens do not verify with it.
      expect(second.publicKeyPem).not.toBe(stack.jwtPublicKeyPem);
    } finally {
      await rm(keyDir, { recursive: true, force: true });
    }
  });
});

describe('dev identity, security', () => {
  it('tokens signed with another key are refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ sid: 'sess_x', azp: DEV_AUTHORIZED_PARTY, v: 2 })
      .setProtectedHeader({ alg: 'RS256', kid: 'dev-identity', typ: 'JWT' })
      .setSubject('user_1')
      .setIssuer(DEV_ISSUER)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + 60)
      .sign(privateKey);
    await expect(verify(forged)).rejects.toMatchObject({ reason: 'token-invalid-signature' });
  });

  it('expired tokens are refused', async () => {
    const token = await stack.issueToken({
      userId: 'user_1',
      orgId: 'org_1',
      orgRole: 'org:admin',
      issuedAt: Math.floor(Date.now() / 1000) - 3600,
      expiresInSeconds: 600,
    });
    await expect(verify(token)).rejects.toMatchObject({ reason: 'token-expired' });
  });

  it('tokens for another authorized party are refused', async () => {
    const token = await stack.issueToken({ userId: 'user_1', orgId: 'org_1', orgRole: 'org:admin' });
    await expect(
      verifyToken(token, { jwtKey: stack.jwtPublicKeyPem, authorizedParties: ['https://app.example.org'] }),
    ).rejects.toMatchObject({ reason: 'token-invalid-authorized-parties' });
  });
});

describe('dev identity, errors', () => {
  const postToken = (body: string) =>
    fetch(`${stack.url}/identity/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('answers 404 for an email no demo account has', async () => {
    const response = await postToken(JSON.stringify({ email: 'nobody@example.org' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 400 for a body without an email', async () => {
    for (const body of ['{not json', '{}', JSON.stringify({ email: 42 })]) {
      const response = await postToken(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
  });
});
