import type { LocalStack } from '@attest/devstack/local-stack';

/**
 * The API of a running local stack, called as one of the demo accounts (a bearer token from the
 * dev identity issuer), for browser tests that set things up faster than through the pages.
 */
export async function localApiAs(stack: LocalStack, email: string) {
  const account = (await stack.accounts()).find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  const token = await stack.devstack.issueToken({
    userId: account.userId,
    orgId: account.orgId,
    orgRole: account.orgRole,
  });
  return (path: string, init: RequestInit = {}) =>
    fetch(`${stack.apiUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
}

/** The seeded trust policy published at Castle Lane (one school: small campaigns). */
export async function castleLanePolicy(api: Awaited<ReturnType<typeof localApiAs>>) {
  const policies = (await api('/v1/policies')).body.data as {
    id: string;
    schools: { schoolId: string; schoolName: string }[];
  }[];
  const castle = policies.find((p) => p.schools[0]?.schoolName === 'Castle Lane Primary School');
  if (!castle) throw new Error('no Castle Lane policy in the seed');
  return { policyId: castle.id, schoolId: castle.schools[0]!.schoolId };
}

/** A draft campaign of the seeded Castle Lane policy to Castle Lane's staff, due in 30 days. */
export async function castleLaneDraft(api: Awaited<ReturnType<typeof localApiAs>>, name: string) {
  const castle = await castleLanePolicy(api);
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await api('/v1/campaigns', {
    method: 'POST',
    body: JSON.stringify({
      name,
      policyId: castle.policyId,
      schoolIds: [castle.schoolId],
      audiences: ['staff'],
      dueAt,
    }),
  });
  if (created.status !== 201)
    throw new Error(`the draft campaign was refused: ${JSON.stringify(created.body)}`);
  return { ...castle, campaignId: created.body.id as string, dueAt };
}
