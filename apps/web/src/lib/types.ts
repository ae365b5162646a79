/*
 * The API's contract as the web app sees it, read off the API's own route definitions through
 * Hono's typed client (`AppType`): when a route's schema changes, the pages that use it stop
 * type-checking. Type-only: nothing from the API ends up in the web bundle.
 */
import type { AppType } from '@attest/api/app-type';
import type { hc, InferRequestType, InferResponseType } from 'hono/client';

/** The API's `/v1` routes, as Hono's typed client (`createApi` in `$lib/server/api` makes one). */
export type Api = ReturnType<typeof hc<AppType>>['v1'];

export type Me = InferResponseType<Api['me']['$get'], 200>;
export type RoleName = Me['roles'][number]['role'];

export type School = InferResponseType<Api['schools'][':id']['$get'], 200>;
export type SchoolVariables = School['variables'];
export type Phase = NonNullable<School['phase']>;
export type SchoolInput = InferRequestType<Api['schools']['$post']>['json'];
export type SchoolPatch = InferRequestType<Api['schools'][':id']['$patch']>['json'];

export type Person = InferResponseType<Api['people'][':id']['$get'], 200>;
export type Membership = Person['memberships'][number];
export type MembershipRole = Membership['role'];
export type PersonInput = InferRequestType<Api['people']['$post']>['json'];
export type PersonPatch = InferRequestType<Api['people'][':id']['$patch']>['json'];
export type PeopleQuery = InferRequestType<Api['people']['$get']>['query'];
export type PersonStatus = 'active' | 'left' | 'all';

export type ImportReport = InferResponseType<Api['schools'][':id']['people']['import']['$post'], 200>;
export type ImportRowStatus = ImportReport['rows'][number]['status'];

export type AuditPage = InferResponseType<Api['audit']['$get'], 200>;
export type AuditEntry = AuditPage['data'][number];
export type AuditQuery = InferRequestType<Api['audit']['$get']>['query'];

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
export type Clause = InferResponseType<Api['clauses'][':id']['$get'], 200>;
export type ClauseCategory = Clause['category'];
export type ClauseQuery = InferRequestType<Api['clauses']['$get']>['query'];
export type ClauseInput = InferRequestType<Api['clauses']['$post']>['json'];
export type ClauseVersionInput = InferRequestType<Api['clauses'][':id']['versions']['$post']>['json'];
export type ClauseVariant = Clause['variants'][number];
export type ClauseUse = Clause['usedBy'][number];
export type ClausePreview = InferResponseType<Api['clauses'][':id']['preview']['$post'], 200>['data'][number];

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
export type PolicySchool = Policy['schools'][number];
export type Audience = Policy['audiences'][number];
export type PolicyInput = InferRequestType<Api['policies']['$post']>['json'];
export type PolicyPatch = InferRequestType<Api['policies'][':id']['$patch']>['json'];
export type SignatureField = NonNullable<PolicyInput['fields']>[number];
export type PolicyPreview = InferResponseType<Api['policies'][':id']['preview']['$get'], 200>;
export type RenderedPolicy = PolicyPreview['rendered'];
export type PublishInput = InferRequestType<Api['policies'][':id']['publish']['$post']>['json'];
export type PublishResult = InferResponseType<
  Api['policies'][':id']['publish']['$post'],
  200
>['results'][number];
export type PolicyVersionSummary = InferResponseType<
  Api['policies'][':id']['versions']['$get'],
  200
>['data'][number];
export type PolicyVersion = InferResponseType<Api['policy-versions'][':id']['$get'], 200>;
export type VersionDiff = InferResponseType<Api['policy-versions'][':id']['diff']['$get'], 200>;
export type ClauseChange = VersionDiff['changes'][number];

/** A clause as a rendered policy holds it (the API documents it loosely, as `any`). */
export interface RenderedClause {
  clauseId: string;
  clauseVersionId?: string;
  text: string;
  children: ClauseChild[];
}

// Importing the policies schools already have, and building the library from them.
export type PolicyImport = InferResponseType<Api['imports'][':id']['$get'], 200>;
export type ParsedPolicy = PolicyImport['parsed'];
export type ImportSummary = InferResponseType<Api['imports']['$get'], 200>['data'][number];
export type ImportReview = InferResponseType<Api['imports']['consolidate']['$post'], 200>;
export type ImportGroup = ImportReview['groups'][number];
export type ImportUnique = ImportReview['unique'][number];
export type ImportMember = ImportGroup['members'][number];
export type AcceptInput = InferRequestType<Api['imports']['accept']['$post']>['json'];
export type AcceptResult = InferResponseType<Api['imports']['accept']['$post'], 200>;
export type PastedPolicy = { text: string; filename?: string; schoolId?: string | null };

// Signing, from the emailed link (no account). The API documents the policy text and the changes
// loosely (`any`), so their shapes are spelt out here.
type SigningPageWire = InferResponseType<Api['sign'][':token']['$get'], 200>;
export type SignatureInput = InferRequestType<Api['sign'][':token']['$post']>['json'];
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
export type Campaign = InferResponseType<Api['campaigns'][':id']['$get'], 200>;
export type CampaignStatus = Campaign['status'];
export type CampaignCounts = Campaign['counts'];
export type CampaignSchool = Campaign['schools'][number];
export type CampaignInput = InferRequestType<Api['campaigns']['$post']>['json'];
export type CampaignRerunInput = InferRequestType<Api['campaigns'][':id']['rerun']['$post']>['json'];
export type LaunchResult = InferResponseType<Api['campaigns'][':id']['launch']['$post'], 202>;
export type RecipientQuery = InferRequestType<Api['campaigns'][':id']['recipients']['$get']>['query'];
export type RecipientStatus = NonNullable<RecipientQuery['status']>;
export type CampaignRecipient = InferResponseType<
  Api['campaigns'][':id']['recipients']['$get'],
  200
>['data'][number];
