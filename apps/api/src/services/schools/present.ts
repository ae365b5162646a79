import { schoolMemberships, schools } from '@attest/db';
import { sql } from 'drizzle-orm';

// Spelled out in full: inside a select, drizzle renders a bare column without its table name,
// which a correlated subquery would resolve against its own table instead.
const outerSchoolId = sql.raw('"schools"."id"');

// The columns every school answer carries, counts included, so list and get agree.
export const schoolColumns = {
  id: schools.id,
  name: schools.name,
  urn: schools.urn,
  phase: schools.phase,
  variables: schools.variables,
  createdAt: schools.createdAt,
  updatedAt: schools.updatedAt,
  active: sql<number>`(select count(distinct m.person_id)::int from ${schoolMemberships} m
      where m.school_id = ${outerSchoolId} and m.left_at is null)`.as('active'),
  left: sql<number>`(select count(distinct m.person_id)::int from ${schoolMemberships} m
      where m.school_id = ${outerSchoolId} and m.left_at is not null
        and not exists (select 1 from ${schoolMemberships} a
          where a.school_id = m.school_id and a.person_id = m.person_id and a.left_at is null))`.as('left'),
};

export type SchoolRow = {
  id: string;
  name: string;
  urn: string | null;
  phase: string | null;
  variables: Record<string, string | undefined>;
  createdAt: string;
  updatedAt: string;
  active: number;
  left: number;
};

export const variableKeys = [
  'headTitle',
  'misName',
  'dslTitle',
  'onlineSafetyLead',
  'governingBody',
] as const;

export function presentSchool(row: SchoolRow) {
  const variables = Object.fromEntries(variableKeys.map((k) => [k, row.variables?.[k] ?? ''])) as Record<
    (typeof variableKeys)[number],
    string
  >;
  return {
    id: row.id,
    name: row.name,
    urn: row.urn,
    phase: row.phase,
    variables,
    counts: { active: Number(row.active), left: Number(row.left) },
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export type School = ReturnType<typeof presentSchool>;
