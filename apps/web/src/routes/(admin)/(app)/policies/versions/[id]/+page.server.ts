import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

const NOT_FOUND = 'We could not find that version of the policy. The link may be wrong.';

export const load: PageServerLoad = async (event) => {
  const { params, url } = event;
  const api = createApi(event);
  const versionApi = api['policy-versions'][':id'];
  const [version, diff] = await Promise.all([
    call(versionApi.$get({ param: params })),
    call(versionApi.diff.$get({ param: params, query: {} })),
  ]).catch((e) => pageError(e, url, NOT_FOUND));

  // Clause titles for the list of changes; the page still works without them.
  const titles: Record<string, string> = {};
  const policyTitle = await call(api.policies[':id'].$get({ param: { id: version.policyId } }))
    .then((p) => p.title)
    .catch(() => null);
  if (diff.changes.length > 0) {
    const clauses = await call(api.clauses.$get({ query: { includeArchived: 'true' } })).catch(() => ({
      data: [],
    }));
    for (const c of clauses.data) titles[c.id] = c.title;
  }
  return { version, diff, titles, policyTitle };
};
