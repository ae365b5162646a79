/*
 * The API's contract as the pages see it, read off the API's own route definitions through
 * Hono's typed client (`AppType`): when a route's schema changes, the pages that use it stop
 * type-checking. Only the types pages and components name themselves are here; loads and actions
 * get theirs from the client directly. Type-only: nothing from the API ends up in the web bundle.
 */
import type { AppType } from '@attest/api/app-type';
import type { hc, InferRequestType, InferResponseType } from 'hono/client';

/** The API's `/v1` routes, as Hono's typed client (`createApi` in `$lib/server/api` makes one). */
export type Api = ReturnType<typeof hc<AppType>>['v1'];

export type Me = InferResponseType<Api['me']['$get'], 200>;
export type RoleName = Me['roles'][number]['role'];

export type School = InferResponseType<Api['schools'][':id']['$get'], 200>;
export type Phase = NonNullable<School['phase']>;
export type SchoolInput = InferRequestType<Api['schools']['$post']>['json'];

type Person = InferResponseType<Api['people'][':id']['$get'], 200>;
export type Membership = Person['memberships'][number];
export type MembershipRole = Membership['role'];
export type PersonStatus = NonNullable<InferRequestType<Api['people']['$get']>['query']['status']>;

export type ImportRowStatus = InferResponseType<
  Api['schools'][':id']['people']['import']['$post'],
  200
>['rows'][number]['status'];

/** The dev stack's demo accounts (development only; not part of the API). */
export interface DevUser {
  userId: string;
  email: string;
  name: string;
  trustName: string;
  role: string;
  schools: string[];
}

// The clause library.
export type Clause = InferResponseType<Api['clauses'][':id']['$get'], 200>;
export type ClauseCategory = Clause['category'];

/** A rule under a clause, nested at most three deep (the API documents it loosely, as `any`). */
export interface ClauseChild {
  text: string;
  children: ClauseChild[];
}

/** One entry of a clause's history: a trust wording, or one school's (text null: back on the trust's). */
export interface ClauseHistoryEntry {
  id: string;
  schoolId: string | null;
  schoolName: string | null;
  version: number;
  text: string | null;
  children: ClauseChild[];
  createdAt: string;
}

// Composed policies, their published versions and the differences between them.
export type Policy = InferResponseType<Api['policies'][':id']['$get'], 200>;
export type Audience = Policy['audiences'][number];
export type PolicyInput = InferRequestType<Api['policies']['$post']>['json'];
export type SignatureField = NonNullable<PolicyInput['fields']>[number];
export type PolicyPreview = InferResponseType<Api['policies'][':id']['preview']['$get'], 200>;
export type RenderedPolicy = PolicyPreview['rendered'];
export type PublishResult = InferResponseType<
  Api['policies'][':id']['publish']['$post'],
  200
>['results'][number];
export type ClauseChange = InferResponseType<
  Api['policy-versions'][':id']['diff']['$get'],
  200
>['changes'][number];

// Importing the policies schools already have, and building the library from them.
export type ParsedPolicy = InferResponseType<Api['imports'][':id']['$get'], 200>['parsed'];
export type ImportGroup = InferResponseType<Api['imports']['consolidate']['$post'], 200>['groups'][number];
export type AcceptInput = InferRequestType<Api['imports']['accept']['$post']>['json'];

// Signing, from the emailed link (no account). The API documents the policy text and the changes
// loosely (`any`), so their shapes are spelt out here.
type SigningPageWire = InferResponseType<Api['sign'][':token']['$get'], 200>;
export type SigningChange =
  | { kind: 'added'; clauseId: string; after: string }
  | { kind: 'removed'; clauseId: string; before: string }
  | { kind: 'reworded'; clauseId: string; before: string; after: string };
export interface SigningChanges {
  previousLabel: string;
  previousSignedAt: string;
  changes: SigningChange[];
  unchanged: number;
  statementsChanged?: boolean;
}
export type SigningPage = Omit<SigningPageWire, 'policy' | 'changesSinceLastSigned'> & {
  policy: Omit<SigningPageWire['policy'], 'content'> & { content: RenderedPolicy };
  changesSinceLastSigned: SigningChanges | null;
};

// Campaigns: sending a policy for signing and watching the signatures come in.
type Campaign = InferResponseType<Api['campaigns'][':id']['$get'], 200>;
export type CampaignStatus = Campaign['status'];
export type CampaignCounts = Campaign['counts'];
export type RecipientStatus = NonNullable<
  InferRequestType<Api['campaigns'][':id']['recipients']['$get']>['query']['status']
>;
