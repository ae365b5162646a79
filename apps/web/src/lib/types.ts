/*
 * The API's contract as the web app sees it, read off the API's own route definitions through
 * Hono's typed client (`AppType`): when a route's schema changes, the pages that use it stop
 * type-checking. Type-only: nothing from the API ends up in the web bundle.
 */
import type { AppType } from '@attest/api/app-type';
import type { hc, InferRequestType, InferResponseType } from 'hono/client';

export type ApiClient = ReturnType<typeof hc<AppType>>;
type V1 = ApiClient['v1'];

export type Me = InferResponseType<V1['me']['$get'], 200>;
export type RoleName = Me['roles'][number]['role'];

export type School = InferResponseType<V1['schools'][':id']['$get'], 200>;
export type SchoolVariables = School['variables'];
export type Phase = NonNullable<School['phase']>;
export type SchoolInput = InferRequestType<V1['schools']['$post']>['json'];
export type SchoolPatch = InferRequestType<V1['schools'][':id']['$patch']>['json'];

export type Person = InferResponseType<V1['people'][':id']['$get'], 200>;
export type Membership = Person['memberships'][number];
export type MembershipRole = Membership['role'];
export type PersonInput = InferRequestType<V1['people']['$post']>['json'];
export type PersonPatch = InferRequestType<V1['people'][':id']['$patch']>['json'];
export type PeopleQuery = InferRequestType<V1['people']['$get']>['query'];
export type PersonStatus = 'active' | 'left' | 'all';

export type ImportReport = InferResponseType<V1['schools'][':id']['people']['import']['$post'], 200>;
export type ImportRowStatus = ImportReport['rows'][number]['status'];

export type AuditPage = InferResponseType<V1['audit']['$get'], 200>;
export type AuditEntry = AuditPage['data'][number];
export type AuditQuery = InferRequestType<V1['audit']['$get']>['query'];

/** `{ error: { code, message, details? } }`, the API's one error envelope. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The dev stack's demo accounts (development only; not part of the API). */
export interface DevUser {
  userId: string;
  email: string;
  name: string;
  trustName: string;
  role: string;
  schools: string[];
}
