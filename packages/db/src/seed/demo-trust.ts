import type { SchoolVariables } from '../schema/schools.ts';

// The demo data a newcomer meets on first `npm run dev`. Made up, but shaped like a real trust:
// the five schools are those of the seed policies in shared/seeds (the two unnamed ones were
// given invented names), each with a head and 25-40 people on example.org addresses.

export interface DemoSchool {
  key: string;
  name: string;
  urn: string;
  phase: 'primary' | 'nursery';
  seedPolicy: string;
  variables: SchoolVariables;
  head: { name: string; email: string; jobTitle: string };
  /** A school admin (the school business manager, say): sees and runs only this school. */
  schoolAdmin?: { name: string; email: string; jobTitle: string };
  domain: string;
  size: number;
}

export interface DemoTrust {
  key: string;
  name: string;
  slug: string;
  clerkOrgId: string;
  admin: { name: string; email: string; jobTitle: string };
  schools: DemoSchool[];
}

export const demoTrusts: DemoTrust[] = [
  {
    key: 'pennine',
    name: 'Pennine Learning Trust',
    slug: 'pennine-learning-trust',
    clerkOrgId: 'org_demo_pennine',
    admin: {
      name: 'Alex Morgan',
      email: 'alex.morgan@pennine-trust.example.org',
      jobTitle: 'Trust Operations Lead',
    },
    schools: [
      {
        key: 'hollin-bank',
        name: 'Hollin Bank Primary School',
        urn: '149001',
        phase: 'primary',
        seedPolicy: '000_345f0ee073212fb9.txt',
        variables: {
          headTitle: 'Headteacher',
          misName: 'Arbor',
          dslTitle: 'Designated Safeguarding Lead',
          onlineSafetyLead: 'Online Safety Coordinator',
          governingBody: 'Governing Board',
        },
        head: { name: 'Priya Shah', email: 'p.shah@hollinbank.example.org', jobTitle: 'Headteacher' },
        domain: 'hollinbank.example.org',
        size: 34,
      },
      {
        key: 'castle-lane',
        name: 'Castle Lane Primary School',
        urn: '149002',
        phase: 'primary',
        seedPolicy: '001_b2fb9c700ac1f6db.txt',
        variables: {
          headTitle: 'Headteacher',
          misName: 'SIMS',
          dslTitle: 'Designated Safeguarding Lead',
          onlineSafetyLead: 'Computing Lead',
          governingBody: 'Governing Body',
        },
        head: { name: 'Tom Whitaker', email: 't.whitaker@castlelane.example.org', jobTitle: 'Headteacher' },
        domain: 'castlelane.example.org',
        size: 29,
      },
      {
        key: 'moorthorpe',
        name: 'Moorthorpe Primary School with Inclusion Resource',
        urn: '149003',
        phase: 'primary',
        seedPolicy: '002_f6aebac3ef795b05.txt',
        variables: {
          headTitle: 'Head of School',
          misName: 'SIMS',
          dslTitle: 'Designated Safeguarding Lead',
          onlineSafetyLead: 'Online Safety Lead',
          governingBody: 'Local Governing Body',
        },
        head: { name: 'Rachel Dobson', email: 'r.dobson@moorthorpe.example.org', jobTitle: 'Head of School' },
        schoolAdmin: {
          name: 'Jo Bell',
          email: 'j.bell@moorthorpe.example.org',
          jobTitle: 'School Business Manager',
        },
        domain: 'moorthorpe.example.org',
        size: 40,
      },
      {
        key: 'barton-st-peters',
        name: "Barton St Peter's CE Primary School",
        urn: '149004',
        phase: 'primary',
        seedPolicy: '003_22ddfd62190f5e45.txt',
        variables: {
          headTitle: 'Headteacher',
          misName: 'SIMS',
          dslTitle: 'Designated Safeguarding Lead',
          onlineSafetyLead: 'E-Safety Coordinator',
          governingBody: 'Governing Body',
        },
        head: {
          name: 'Martin Lister',
          email: 'm.lister@bartonstpeters.example.org',
          jobTitle: 'Headteacher',
        },
        domain: 'bartonstpeters.example.org',
        size: 31,
      },
      {
        key: 'st-michaels',
        name: "St Michael's C of E Infant School",
        urn: '149005',
        phase: 'primary',
        seedPolicy: '004_72a41d6c387d0a7f.txt',
        variables: {
          headTitle: 'Head',
          misName: 'SIMS',
          dslTitle: 'Designated Safeguarding Lead',
          onlineSafetyLead: 'Computing Subject Leader',
          governingBody: 'Governing Body',
        },
        head: { name: 'Susan Peers', email: 's.peers@stmichaels.example.org', jobTitle: 'Head' },
        domain: 'stmichaels.example.org',
        size: 26,
      },
    ],
  },
  {
    // A second, small trust so tenant isolation can be tried by hand: sign in as its admin and
    // none of Pennine's schools or people can be seen or reached.
    key: 'riverside',
    name: 'Riverside Schools Trust',
    slug: 'riverside-schools-trust',
    clerkOrgId: 'org_demo_riverside',
    admin: {
      name: 'Jordan Ellis',
      email: 'jordan.ellis@riverside-trust.example.org',
      jobTitle: 'Chief Operating Officer',
    },
    schools: [
      {
        key: 'riverside-primary',
        name: 'Riverside Primary School',
        urn: '149101',
        phase: 'primary',
        seedPolicy: '000_345f0ee073212fb9.txt',
        variables: {
          headTitle: 'Headteacher',
          misName: 'Bromcom',
          dslTitle: 'Designated Safeguarding Lead',
          onlineSafetyLead: 'Online Safety Lead',
          governingBody: 'Local Governing Committee',
        },
        head: { name: 'Grace Okafor', email: 'g.okafor@riverside.example.org', jobTitle: 'Headteacher' },
        domain: 'riverside.example.org',
        size: 25,
      },
    ],
  },
];

const firstNames = [
  'Amelia',
  'Ben',
  'Chloe',
  'Daniel',
  'Eleanor',
  'Farah',
  'George',
  'Hannah',
  'Imran',
  'Jessica',
  'Kieran',
  'Laura',
  'Mohammed',
  'Natalie',
  'Oliver',
  'Poppy',
  'Rebecca',
  'Samuel',
  'Tariq',
  'Victoria',
  'William',
  'Yasmin',
  'Zoe',
  'Aisha',
  'Callum',
  'Deborah',
  'Emma',
  'Fiona',
  'Gareth',
  'Helen',
  'Jack',
  'Karen',
  'Liam',
  'Megan',
  'Niamh',
  'Owen',
  'Philippa',
  'Ruth',
  'Sophie',
  'Thomas',
  'Usman',
  'Vicky',
  'Wendy',
  'Adam',
];
const lastNames = [
  'Armitage',
  'Bairstow',
  'Clegg',
  'Dyson',
  'Earnshaw',
  'Fletcher',
  'Greenwood',
  'Haigh',
  'Iqbal',
  'Jagger',
  'Kershaw',
  'Lockwood',
  'Mellor',
  'Naylor',
  'Oldroyd',
  'Pickles',
  'Quarmby',
  'Ramsden',
  'Sutcliffe',
  'Taylor',
  'Uttley',
  'Varley',
  'Wainwright',
  'Hussain',
  'Akhtar',
  'Brook',
  'Crowther',
  'Dawson',
  'Firth',
  'Hirst',
  'Moss',
  'Nowak',
  'Patel',
  'Riley',
  'Shaw',
  'Walsh',
  'Young',
  'Kaur',
  'Begum',
  'Sykes',
];

type Role = 'staff' | 'governor' | 'volunteer' | 'visitor';
// Roughly the make-up of a one- or two-form-entry primary school.
const roster: { role: Role; jobTitle: string; weight: number }[] = [
  { role: 'staff', jobTitle: 'Class Teacher', weight: 9 },
  { role: 'staff', jobTitle: 'Teaching Assistant', weight: 7 },
  { role: 'staff', jobTitle: 'Higher Level Teaching Assistant', weight: 2 },
  { role: 'staff', jobTitle: 'Deputy Headteacher', weight: 1 },
  { role: 'staff', jobTitle: 'SENCo', weight: 1 },
  { role: 'staff', jobTitle: 'School Business Manager', weight: 1 },
  { role: 'staff', jobTitle: 'Office Administrator', weight: 1 },
  { role: 'staff', jobTitle: 'Site Manager', weight: 1 },
  { role: 'staff', jobTitle: 'Midday Supervisor', weight: 3 },
  { role: 'staff', jobTitle: 'Cook', weight: 1 },
  { role: 'staff', jobTitle: 'Early Years Practitioner', weight: 2 },
  { role: 'governor', jobTitle: 'Governor', weight: 4 },
  { role: 'volunteer', jobTitle: 'Reading Volunteer', weight: 2 },
  { role: 'visitor', jobTitle: 'Peripatetic Music Teacher', weight: 1 },
];

/** A small deterministic PRNG so the demo data is the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoPerson {
  name: string;
  email: string;
  jobTitle: string;
  role: Role;
}

/** The people of one demo school (the head excluded), deterministic per school. */
export function demoPeople(school: DemoSchool, seed: number): DemoPerson[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const total = roster.reduce((n, r) => n + r.weight, 0);
  const people: DemoPerson[] = [];
  const seen = new Set<string>();
  // `size` counts everyone at the school: the head, the school admin if there is one, and these.
  while (people.length < school.size - 1 - (school.schoolAdmin ? 1 : 0)) {
    const first = pick(firstNames);
    const last = pick(lastNames);
    const local = `${first[0]}.${last}`.toLowerCase();
    if (seen.has(local)) continue;
    seen.add(local);
    let r = random() * total;
    const slot =
      roster.find((s) => {
        r -= s.weight;
        return r < 0;
      }) ?? roster[0]!;
    people.push({
      name: `${first} ${last}`,
      email: `${local}@${school.domain}`,
      jobTitle: slot.jobTitle,
      role: slot.role,
    });
  }
  return people;
}
