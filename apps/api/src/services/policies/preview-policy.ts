import { canonicalText, sha256Hex } from '@attest/core';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { getPolicy } from './get-policy.ts';
import { renderFor } from './policy-rendering.ts';

export async function previewPolicy(ctx: ServiceContext, { id, schoolId }: { id: string; schoolId: string }) {
  const policy = await getPolicy(ctx, id);
  if (!policy.schools.some((s) => s.schoolId === schoolId)) throw notFound('That school');
  const [out] = await renderFor(ctx, policy, [schoolId]);
  const text = canonicalText(out!.rendered);
  return { rendered: out!.rendered, canonicalText: text, sha256: await sha256Hex(text) };
}
