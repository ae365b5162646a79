import { hc } from 'hono/client';
import type { AppType } from '@attest/api/app-type';

const client = hc<AppType>('http://x');
export async function probe() {
  const res = await client.v1.schools[':id'].$get({ param: { id: 'x' } });
  if (res.ok) {
    const body = await res.json();
    const n: number = body.counts.active;
    return n;
  }
  const s = await client.v1.people.$get({ query: { schoolId: 'x', status: 'all' } });
  const b = await s.json();
  return b;
}
