import { deriveToken } from '@attest/core';
import { seedDemoLibrary } from '@attest/devstack/seed-library';
import { ADMIN, type Harness } from '../apps/api/src/testing/harness.ts';

// Issue 4's evidence PDFs: Moorthorpe's own policy (built from its seed document), its staff
// topped up so that 100 have signed and a few have not, then the school's evidence pack and one
// signer's copy, each rendered in the request as the Worker would.

export interface PdfTimings {
  runs: number;
  median: number;
  p95: number;
  bytes: number;
  pages: number;
  roundTrips: number;
}

export interface EvidenceBench {
  school: string;
  policy: string;
  textChars: number;
  signatures: number;
  outstanding: number;
  pack: PdfTimings;
  copy: PdfTimings;
}

const SIGNERS = 100;

export async function benchEvidence(
  h: Harness,
  countRoundTrips: () => number,
  runs: number,
): Promise<EvidenceBench> {
  // The demo library, built from the seed documents through the API as `npm run dev` builds it.
  await seedDemoLibrary((as) => async (method, path, json) => h.request(method, path, { as, json }));
  const moorthorpe = h.ids.school('pennine', 'moorthorpe');
  const [trust] = await h.sql<{ id: string }>(
    "select id from trusts where clerk_org_id = 'org_demo_pennine'",
  );
  await h.sql(
    `with p as (insert into people (trust_id, name, email, job_title)
                select $1, 'Evidence Person ' || g, 'evidence-' || g || '@moorthorpe.example.org', 'Teaching assistant'
                  from generate_series(1, 90) g returning id)
     insert into school_memberships (trust_id, school_id, person_id, role) select $1, $2, p.id, 'staff' from p`,
    [trust!.id, moorthorpe],
  );
  const policies = (await h.request('GET', '/v1/policies', { as: ADMIN })).body.data as {
    id: string;
    title: string;
    schools: { schoolId: string }[];
  }[];
  const policy = policies.find((p) => p.schools.length === 1 && p.schools[0]!.schoolId === moorthorpe);
  if (!policy) throw new Error('no seeded Moorthorpe policy');
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const campaign = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: {
      name: 'Staff AUP 2026/27',
      policyId: policy.id,
      schoolIds: [moorthorpe],
      audiences: ['staff'],
      dueAt,
    },
  });
  const launched = await h.request('POST', `/v1/campaigns/${campaign.body.id}/launch`, { as: ADMIN });
  if (launched.status !== 202) throw new Error(`launch failed: ${launched.text.slice(0, 300)}`);
  h.queue.drain();
  const links = await h.sql<{ id: string; generation: number }>(
    `select l.id, l.generation from recipients r join person_links l on l.purpose = 'sign' and l.subject_id = r.id
      where r.campaign_id = $1 order by r.id`,
    [campaign.body.id],
  );
  const tokens = await Promise.all(
    links.map((l) => deriveToken(h.env.TOKEN_SECRET!, 'sign', l.id, Number(l.generation))),
  );
  for (const [i, token] of tokens.slice(0, SIGNERS).entries()) {
    const page = await h.request('GET', `/v1/sign/${token}`);
    const signed = await h.request('POST', `/v1/sign/${token}`, {
      json: { typedName: page.body.person.name, jobTitle: 'Teacher', statements: page.body.statements },
      headers: {
        'cf-connecting-ip': `203.0.113.${i}`,
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      },
    });
    if (signed.status !== 200) throw new Error(`signing failed: ${signed.text.slice(0, 300)}`);
  }
  const [version] = await h.sql<{ chars: number }>(
    'select length(canonical_text) as chars from policy_versions v join recipients r on r.policy_version_id = v.id where r.campaign_id = $1 limit 1',
    [campaign.body.id],
  );
  const token = await h.token(ADMIN);

  const time = async (path: string, auth: boolean): Promise<PdfTimings> => {
    const fetchPdf = async () => {
      const before = countRoundTrips();
      const t = performance.now();
      const res = await h.app.request(
        path,
        { headers: auth ? { authorization: `Bearer ${token}` } : {} },
        { ...h.env, WORK_QUEUE: h.queue },
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return { ms, bytes, roundTrips: countRoundTrips() - before };
    };
    await fetchPdf(); // warm-up
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await fetchPdf());
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const last = results.at(-1)!;
    const pages = /\/Type \/Pages \/Count (\d+)/.exec(new TextDecoder('latin1').decode(last.bytes))?.[1];
    return {
      runs,
      median: times[Math.floor(times.length / 2)]!,
      p95: times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)]!,
      bytes: last.bytes.length,
      pages: Number(pages),
      roundTrips: Math.max(...results.map((r) => r.roundTrips)),
    };
  };

  return {
    school: 'Moorthorpe Primary School with Inclusion Resource',
    policy: policy.title,
    textChars: Number(version!.chars),
    signatures: SIGNERS,
    outstanding: tokens.length - SIGNERS,
    pack: await time(`/v1/campaigns/${campaign.body.id}/schools/${moorthorpe}/evidence.pdf`, true),
    copy: await time(`/v1/sign/${tokens[0]}/copy.pdf`, false),
  };
}
