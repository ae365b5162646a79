import type { DevUser } from '$lib/types';
import { devstackUrl } from './config';

/*
 * The local dev stack's identity issuer. Used only by the development sign-in page, which exists
 * only while no Clerk publishable key is configured.
 */

export class DevstackError extends Error {}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const url = new URL(path, devstackUrl());
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new DevstackError(
      `The local dev stack is not answering at ${url.origin}. Start it with “npm run dev” from the repository root, then reload this page.`,
    );
  }
  if (!response.ok) {
    let message = `The dev stack refused the request (${response.status}).`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // keep the generic message
    }
    throw new DevstackError(message);
  }
  return (await response.json()) as T;
}

export async function listDevUsers(): Promise<DevUser[]> {
  const body = await call<{ users: DevUser[] }>('/identity/users');
  return body.users;
}

export async function devToken(email: string): Promise<string> {
  const body = await call<{ token: string }>('/identity/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return body.token;
}
