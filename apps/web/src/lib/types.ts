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

// The clause library.
export type Clause = InferResponseType<V1['clauses'][':id']['$get'], 200>;
export type ClauseCategory = Clause['category'];
export type ClauseQuery = InferRequestType<V1['clauses']['$get']>['query'];
export type ClauseInput = InferRequestType<V1['clauses']['$post']>['json'];
export type ClauseVersionInput = InferRequestType<V1['clauses'][':id']['versions']['$post']>['json'];
export type ClauseVariant = Clause['variants'][number];
export type ClauseUse = Clause['usedBy'][number];
export type ClausePreview = InferResponseType<V1['clauses'][':id']['preview']['$post'], 200>['data'][number];

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
export type Policy = InferResponseType<V1['policies'][':id']['$get'], 200>;
export type PolicySchool = Policy['schools'][number];
export type Audience = Policy['audiences'][number];
export type PolicyInput = InferRequestType<V1['policies']['$post']>['json'];
export type PolicyPatch = InferRequestType<V1['policies'][':id']['$patch']>['json'];
export type SignatureField = NonNullable<PolicyInput['fields']>[number];
export type PolicyPreview = InferResponseType<V1['policies'][':id']['preview']['$get'], 200>;
export type RenderedPolicy = PolicyPreview['rendered'];
export type PublishInput = InferRequestType<V1['policies'][':id']['publish']['$post']>['json'];
export type PublishResult = InferResponseType<
  V1['policies'][':id']['publish']['$post'],
  200
>['results'][number];
export type PolicyVersionSummary = InferResponseType<
  V1['policies'][':id']['versions']['$get'],
  200
>['data'][number];
export type PolicyVersion = InferResponseType<V1['policy-versions'][':id']['$get'], 200>;
export type VersionDiff = InferResponseType<V1['policy-versions'][':id']['diff']['$get'], 200>;
export type ClauseChange = VersionDiff['changes'][number];

/** A clause as a rendered policy holds it (the API documents it loosely, as `any`). */
export interface RenderedClause {
  clauseId: string;
  clauseVersionId?: string;
  text: string;
  children: ClauseChild[];
}

// Importing the policies schools already have, and building the library from them.
export type PolicyImport = InferResponseType<V1['imports'][':id']['$get'], 200>;
export type ParsedPolicy = PolicyImport['parsed'];
export type ImportSummary = InferResponseType<V1['imports']['$get'], 200>['data'][number];
export type ImportReview = InferResponseType<V1['imports']['consolidate']['$post'], 200>;
export type ImportGroup = ImportReview['groups'][number];
export type ImportUnique = ImportReview['unique'][number];
export type ImportMember = ImportGroup['members'][number];
export type AcceptInput = InferRequestType<V1['imports']['accept']['$post']>['json'];
export type AcceptResult = InferResponseType<V1['imports']['accept']['$post'], 200>;
export type PastedPolicy = { text: string; filename?: string; schoolId?: string | null };

// Signing, from the emailed link (no account). The API documents the policy text and the changes
// loosely (`any`), so their shapes are spelt out here.
type SigningPageWire = InferResponseType<V1['sign'][':token']['$get'], 200>;
export type SignatureInput = InferRequestType<V1['sign'][':token']['$post']>['json'];
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
export type Campaign = InferResponseType<V1['campaigns'][':id']['$get'], 200>;
export type CampaignStatus = Campaign['status'];
export type CampaignCounts = Campaign['counts'];
export type CampaignSchool = Campaign['schools'][number];
export type CampaignInput = InferRequestType<V1['campaigns']['$post']>['json'];
export type CampaignRerunInput = InferRequestType<V1['campaigns'][':id']['rerun']['$post']>['json'];
export type LaunchResult = InferResponseType<V1['campaigns'][':id']['launch']['$post'], 202>;
export type RecipientQuery = InferRequestType<V1['campaigns'][':id']['recipients']['$get']>['query'];
export type RecipientStatus = NonNullable<RecipientQuery['status']>;
export type CampaignRecipient = InferResponseType<
  V1['campaigns'][':id']['recipients']['$get'],
  200
>['data'][number];
