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
