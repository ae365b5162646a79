import { deriveToken, hashToken, looksLikeToken } from '@attest/core';
import type { LinkPurpose } from '@attest/db';
import { type LinkContext, linkHolderContext } from '../../lib/context.ts';
import type { AppConfig } from '../../lib/env.ts';
import { webUrl } from '../../lib/web-url.ts';
import { linkPurposeSpecs } from './purposes.ts';

// A link's token is derived, never stored: HMAC(TOKEN_SECRET, purpose:link id:generation). So every
// email to a person carries the same link, and a redelivered batch rebuilds byte-identical mail.

export interface LinkIdentity {
  id: string;
  purpose: LinkPurpose;
  generation: number | string;
}

export const linkToken = (config: Pick<AppConfig, 'TOKEN_SECRET'>, link: LinkIdentity) =>
  deriveToken(config.TOKEN_SECRET, link.purpose, link.id, Number(link.generation));

/** The page the link opens, e.g. https://app…/sign/<token>. */
export async function linkUrl(
  config: Pick<AppConfig, 'TOKEN_SECRET' | 'PUBLIC_WEB_URL'>,
  link: LinkIdentity,
) {
  return `${webUrl(config)}${linkPurposeSpecs[link.purpose].webPath}/${await linkToken(config, link)}`;
}

/** A new link, worked out before the transaction that writes it: Postgres never sees the secret. */
export async function newLink(config: Pick<AppConfig, 'TOKEN_SECRET'>, purpose: LinkPurpose) {
  const id = crypto.randomUUID();
  return { id, hash: await hashToken(await linkToken(config, { id, purpose, generation: 0 })) };
}

/** What the database is asked for: the hash of a well-formed token, or nothing at all. */
export async function tokenHash(token: string): Promise<string | null> {
  return looksLikeToken(token) ? hashToken(token) : null;
}

/**
 * A link holder's way in: the token's hash, and a context whose statements run inside that link's
 * trust only (row-level security; migration 0012). A token that is not one, or that no link has,
 * gets a context inside no trust, where every query finds nothing.
 */
export async function openLink(ctx: LinkContext, token: string) {
  const hash = await tokenHash(token);
  return { hash, ctx: linkHolderContext(ctx, hash) };
}
