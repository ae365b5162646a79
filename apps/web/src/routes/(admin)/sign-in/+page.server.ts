import { fail, redirect } from '@sveltejs/kit';
import { clerkEnabled } from '$lib/server/config';
import { DevstackError, devToken, listDevUsers } from '$lib/server/devstack';
import { safeRedirectTarget, setSession } from '$lib/server/session';
import type { DevUser } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const ROLE_ORDER = ['trust_admin', 'head', 'school_admin'];

export const load: PageServerLoad = async ({ url }) => {
  const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
  const sessionEnded = url.searchParams.has('redirectTo');

  if (clerkEnabled()) {
    return { mode: 'clerk' as const, redirectTo, signedOut: url.searchParams.has('signed-out') };
  }

  let users: DevUser[] = [];
  let problem: string | null = null;
  try {
    users = await listDevUsers();
  } catch (e) {
    problem = e instanceof DevstackError ? e.message : 'The list of demo accounts could not be loaded.';
  }

  const byTrust = new Map<string, DevUser[]>();
  for (const user of users) {
    const list = byTrust.get(user.trustName) ?? [];
    list.push(user);
    byTrust.set(user.trustName, list);
  }
  const rank = (role: string) => ROLE_ORDER.indexOf(role) + 1 || ROLE_ORDER.length + 1;
  const trusts = [...byTrust.entries()]
    .map(([name, members]) => ({
      name,
      users: members.sort(
        (a, b) =>
          rank(a.role) - rank(b.role) ||
          (a.schools[0] ?? '').localeCompare(b.schools[0] ?? '') ||
          a.name.localeCompare(b.name),
      ),
    }))
    // The larger (main demo) trust first.
    .sort((a, b) => b.users.length - a.users.length || a.name.localeCompare(b.name));

  return { mode: 'dev' as const, redirectTo, sessionEnded, trusts, problem };
};

export const actions: Actions = {
  // Development only: swap a demo account's email for a token from the dev stack's issuer.
  default: async ({ request, cookies, url }) => {
    if (clerkEnabled()) return fail(404, { message: 'Use the sign-in form on this page.' });
    const data = await request.formData();
    const email = String(data.get('email') ?? '').trim();
    if (!email) return fail(400, { message: 'Choose an account to sign in as.' });

    let token: string;
    try {
      token = await devToken(email);
    } catch (e) {
      const message = e instanceof DevstackError ? e.message : 'Signing in did not work. Try again.';
      return fail(502, { message });
    }
    setSession(cookies, token, url);
    redirect(303, safeRedirectTarget(String(data.get('redirectTo') ?? '')));
  },
};
