import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

export const DEV_ISSUER = 'https://dev-identity.attest.local';
export const DEV_AUTHORIZED_PARTY = 'http://127.0.0.1:5173';
export const DEV_KEY_ID = 'dev-identity';
export const DEV_KEY_FILE = 'dev-identity-key.json';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

export interface IssueTokenClaims {
  userId: string;
  orgId: string;
  /** 'org:admin' or 'org:member' (the prefix is dropped in the v2 `o.rol` claim, as Clerk does). */
  orgRole: string;
  email?: string;
  expiresInSeconds?: number;
  /** Seconds since the epoch; defaults to now. Lets tests mint expired or future tokens. */
  issuedAt?: number;
}

export interface DevIssuer {
  issuer: string;
  /** SPKI PEM: what the API gets as CLERK_JWT_KEY and passes to verifyToken({ jwtKey }). */
  publicKeyPem: string;
  /** The public key as a JWKS, as Clerk serves it. */
  jwks: { keys: JWK[] };
  issueToken(claims: IssueTokenClaims): Promise<string>;
}

interface KeyFile {
  kid: string;
  alg: 'RS256';
  privateJwk: JWK;
  createdAt: string;
}

/**
 * Signs Clerk-shaped v2 session tokens with a local RSA key, so the API verifies them with the
 * very call it uses in production (`verifyToken(token, { jwtKey })`). Development and tests only.
 */
export async function createDevIssuer(options: { keyDir?: string | null } = {}): Promise<DevIssuer> {
  const keyFile = options.keyDir ? await loadOrCreateKey(options.keyDir) : await newKey();
  const privateKey = await importJWK(keyFile.privateJwk, 'RS256');
  const publicJwk = toPublicJwk(keyFile.privateJwk);
  const publicKey = await importJWK(publicJwk, 'RS256', { extractable: true });
  if (publicKey instanceof Uint8Array) throw new Error('Expected an RSA public key');
  const publicKeyPem = await exportSPKI(publicKey);

  return {
    issuer: DEV_ISSUER,
    publicKeyPem,
    jwks: { keys: [{ ...publicJwk, kid: keyFile.kid, alg: 'RS256', use: 'sig' }] },
    async issueToken(claims) {
      const iat = claims.issuedAt ?? Math.floor(Date.now() / 1000);
      const lifetime = claims.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
      const payload: Record<string, unknown> = {
        sid: `sess_${randomBytes(12).toString('hex')}`,
        azp: DEV_AUTHORIZED_PARTY,
        nbf: iat - 5,
        v: 2,
        o: { id: claims.orgId, rol: claims.orgRole.replace(/^org:/, ''), slg: claims.orgId },
      };
      if (claims.email !== undefined) payload.email = claims.email;
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: keyFile.kid, typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(DEV_ISSUER)
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetime)
        .sign(privateKey);
    },
  };
}

async function newKey(): Promise<KeyFile> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return {
    kid: DEV_KEY_ID,
    alg: 'RS256',
    privateJwk: await exportJWK(privateKey),
    createdAt: new Date().toISOString(),
  };
}

/**
 * The key must survive restarts: its public half is written into .dev.vars as CLERK_JWT_KEY.
 * A broken file is an error rather than silently replaced, since replacing it would quietly
 * invalidate that configuration.
 */
async function loadOrCreateKey(keyDir: string): Promise<KeyFile> {
  const path = join(keyDir, DEV_KEY_FILE);
  try {
    return parseKeyFile(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(keyDir, { recursive: true });
  const key = await newKey();
  try {
    // 'wx' fails if another process created the file meanwhile; then we use theirs.
    await writeFile(path, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseKeyFile(await readFile(path, 'utf8'), path);
  }
}

function parseKeyFile(text: string, path: string): KeyFile {
  try {
    const parsed = JSON.parse(text) as Partial<KeyFile>;
    if (parsed.privateJwk?.kty === 'RSA' && parsed.privateJwk.d) {
      return {
        kid: parsed.kid ?? DEV_KEY_ID,
        alg: 'RS256',
        privateJwk: parsed.privateJwk,
        createdAt: parsed.createdAt ?? '',
      };
    }
  } catch {
    // fall through to the error below
  }
  throw new Error(`${path} is not a dev identity key; delete it to generate a new one.`);
}

function toPublicJwk(privateJwk: JWK): JWK {
  const { kty, n, e } = privateJwk;
  return { kty, n, e };
}
