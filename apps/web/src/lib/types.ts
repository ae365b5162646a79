/*
 * The API's contract as the web app sees it (GET/POST bodies of /v1). These mirror the API's zod
 * schemas; when `@attest/api/app-type` exists the typed `hc` client checks the same shapes.
 */

export type RoleName = 'trust_admin' | 'head' | 'school_admin';
export type MembershipRole = 'staff' | 'governor' | 'volunteer' | 'visitor';
export type Phase = 'primary' | 'secondary' | 'all-through' | 'special' | 'alternative' | 'nursery';
export type PersonStatus = 'active' | 'left' | 'all';

export interface Me {
  user: { id: string; email: string; name: string };
  trust: { id: string; name: string };
  roles: { role: RoleName; schoolId: string | null }[];
  isTrustAdmin: boolean;
  schoolIds: string[];
}

export interface SchoolVariables {
  headTitle: string;
  misName: string;
  dslTitle: string;
  onlineSafetyLead: string;
}

export interface School {
  id: string;
  name: string;
  urn: string | null;
  phase: Phase | null;
  variables: SchoolVariables;
  counts: { active: number; left: number };
  createdAt: string;
  updatedAt: string;
}

export interface SchoolInput {
  name: string;
  urn?: string | null;
  phase?: Phase | null;
  variables?: Partial<SchoolVariables>;
}

export interface Membership {
  schoolId: string;
  schoolName: string;
  role: MembershipRole;
  joinedAt: string;
  leftAt: string | null;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  memberships: Membership[];
  createdAt: string;
  updatedAt: string;
}

export interface PersonInput {
  name: string;
  email: string;
  jobTitle?: string | null;
  schoolId: string;
  role: MembershipRole;
}

export interface PersonPatch {
  name?: string;
  email?: string;
  jobTitle?: string | null;
}

export interface PeopleQuery {
  schoolId?: string;
  role?: MembershipRole;
  q?: string;
  status?: PersonStatus;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type ImportRowStatus = 'added' | 'updated' | 'unchanged' | 'rejected';

export interface ImportReport {
  summary: { total: number; added: number; updated: number; unchanged: number; rejected: number };
  rows: { row: number; status: ImportRowStatus; name: string | null; email: string | null; errors: string[] }[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  limit?: number;
  cursor?: string;
  entityType?: string;
  actorId?: string;
}

/** `{ error: { code, message, details? } }`, the API's one error envelope. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: unknown;
  };
}

export interface DevUser {
  userId: string;
  email: string;
  name: string;
  trustName: string;
  role: string;
  schools: string[];
}
