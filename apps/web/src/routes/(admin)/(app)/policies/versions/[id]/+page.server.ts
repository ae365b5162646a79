import { createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that version of the policy. The link may be wrong.';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);
  const [version, diff] = await Promise.all([
    api.policyVersions.get(params.id),
    api.policyVersions.diff(params.id),
  ]).catch((e) => pageError(e, url, NOT_FOUND));

  // Clause titles for the list of changes; the page still works without them.
  const titles: Record<string, string> = {};
  const policyTitle = await api.policies
    .get(version.policyId)
    .then((p) => p.title)
    .catch(() => null);
  if (diff.changes.length > 0) {
    const clauses = await api.clauses.list({ includeArchived: 'true' }).catch(() => ({ data: [] }));
    for (const c of clauses.data) titles[c.id] = c.title;
  }
  return { version, diff, titles, policyTitle };
};
