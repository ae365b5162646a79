// The same words the evidence PDFs use, so the page and the pack never disagree on a date.
import { londonDate, londonDateTime } from '@attest/core/evidence/format';
import { clauseCategoryLabels } from '@attest/core/library/categorise';
import type {
  Audience,
  CampaignStatus,
  ClauseCategory,
  MembershipRole,
  Phase,
  RecipientStatus,
  RoleName,
  SignatureField,
} from './types';

/** A lookup from a value to its label: a value without one reads as itself, or as `fallback` makes it. */
function labelOf<T extends string>(labels: Record<T, string>, fallback = (value: string) => value) {
  return (value: string): string => labels[value as T] ?? fallback(value);
}

/** The values a label table names, in its order. */
const keysOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as T[];

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "30 September 2026", in Europe/London whatever the server's zone. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const date = toDate(value);
  return date ? londonDate(date) : '';
}

/** "30 September 2026 at 14:05" (Europe/London, 24-hour clock). */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const date = toDate(value);
  return date ? londonDateTime(date) : '';
}

export const membershipRoles: MembershipRole[] = ['staff', 'governor', 'volunteer', 'visitor'];

const membershipRoleLabels: Record<MembershipRole, string> = {
  staff: 'Staff',
  governor: 'Governor',
  volunteer: 'Volunteer',
  visitor: 'Visitor',
};

export const membershipRoleLabel = labelOf(membershipRoleLabels);

const roleLabels: Record<RoleName, string> = {
  trust_admin: 'Trust admin',
  head: 'Head',
  school_admin: 'School admin',
};

export const roleLabel = labelOf(roleLabels, (role) => role.replaceAll('_', ' '));

export const phases: Phase[] = ['primary', 'secondary', 'all-through', 'special', 'alternative', 'nursery'];

const phaseLabels: Record<Phase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special',
  alternative: 'Alternative provision',
  nursery: 'Nursery',
};

const labelPhase = labelOf(phaseLabels);
export const phaseLabel = (phase: string | null | undefined): string => (phase ? labelPhase(phase) : '');

/** The library's categories, in the order a policy usually takes them (the API's own labels). */
const categoryLabels: Record<ClauseCategory, string> = clauseCategoryLabels;

export const clauseCategories = keysOf(categoryLabels);

export const categoryLabel = labelOf(categoryLabels, (category) => category.replaceAll('_', ' '));

export function isClauseCategory(value: string): value is ClauseCategory {
  return value in categoryLabels;
}

/** Who signs a policy, as a choice reads ("Governors"), not as a role ("Governor"). */
const audienceLabels: Record<Audience, string> = {
  staff: 'Staff',
  governor: 'Governors',
  volunteer: 'Volunteers',
  visitor: 'Visitors',
};

export const audiences = keysOf(audienceLabels);

export const audienceLabel = labelOf(audienceLabels);

/** The blanks a signer fills in, in the order the composer offers them; named as the evidence PDFs name them. */
export const signatureFields: SignatureField[] = ['signature', 'date', 'fullName', 'jobTitle'];

export { signatureFieldLabel } from '@attest/core/library/signature-fields';

/** "Version 3", or "Version 3 (Autumn 2026 review)" when the label says more than the number. */
export function versionName(version: number, label?: string | null): string {
  const plain = `Version ${version}`;
  return label && label !== plain ? `${plain} (${label})` : plain;
}

/** "every year", "every 3 years", "every 18 months". */
export function reviewCycleLabel(months: number): string {
  if (months % 12 === 0) return months === 12 ? 'every year' : `every ${months / 12} years`;
  return months === 1 ? 'every month' : `every ${months} months`;
}

/** Where a campaign is, in plain words. */
const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: 'Not sent yet',
  sending: 'Sending',
  sent: 'Sent',
  closed: 'Closed',
};

export const campaignStatusLabel = labelOf(campaignStatusLabels);

/** Where one person's request to sign is. */
const recipientStatusLabels: Record<RecipientStatus, string> = {
  queued: 'Waiting to be sent',
  sent: 'Email sent',
  delivered: 'Email delivered',
  bounced: 'Email bounced',
  signed: 'Signed',
  withdrawn: 'Withdrawn',
  outstanding: 'Not signed',
};

export const recipientStatuses = keysOf(recipientStatusLabels);

export const recipientStatusLabel = labelOf(recipientStatusLabels);
