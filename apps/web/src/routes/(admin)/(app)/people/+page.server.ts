import { membershipRoles } from '$lib/format';
import { call, createApi } from '$lib/server/api';
import { pageError } from '$lib/server/errors';
import type { MembershipRole, PersonStatus } from '$lib/types';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const STATUSES: PersonStatus[] = ['active', 'left', 'all'];

export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const api = createApi(event);

  const q = url.searchParams.get('q')?.trim() ?? '';
  const schoolId = url.searchParams.get('school') ?? '';
  const roleParam = url.searchParams.get('role') ?? '';
  const role = membershipRoles.includes(roleParam as MembershipRole)
    ? (roleParam as MembershipRole)
    : undefined;
  const statusParam = url.searchParams.get('status') ?? 'active';
  const status = STATUSES.includes(statusParam as PersonStatus) ? (statusParam as PersonStatus) : 'active';
  const cursor = url.searchParams.get('cursor') ?? undefined;

  const [schools, people] = await Promise.all([
    call(api.schools.$get()),
    call(api.people.$get({ query: { schoolId, role, q, status, limit: PAGE_SIZE, cursor } })),
  ]).catch((e) => pageError(e, url));

  return {
    schools: schools.data
      .map((s) => ({ id: s.id, name: s.name }))
      .toSorted((a, b) => a.name.localeCompare(b.name)),
    people: people.data,
    nextCursor: people.nextCursor,
    filters: { q, school: schoolId, role: role ?? '', status },
  };
};
