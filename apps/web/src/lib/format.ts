import type { MembershipRole, Phase, RoleName } from './types';

const TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TIME_ZONE,
});

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "30 September 2026", in Europe/London whatever the server's zone. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const date = toDate(value);
  return date ? dateFormat.format(date) : '';
}

/** "30 September 2026 at 14:05" (Europe/London, 24-hour clock). */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const date = toDate(value);
  return date ? `${dateFormat.format(date)} at ${timeFormat.format(date)}` : '';
}

export const membershipRoles: MembershipRole[] = ['staff', 'governor', 'volunteer', 'visitor'];

const membershipRoleLabels: Record<MembershipRole, string> = {
  staff: 'Staff',
  governor: 'Governor',
  volunteer: 'Volunteer',
  visitor: 'Visitor',
};

export function membershipRoleLabel(role: string): string {
  return membershipRoleLabels[role as MembershipRole] ?? role;
}

const roleLabels: Record<RoleName, string> = {
  trust_admin: 'Trust admin',
  head: 'Head',
  school_admin: 'School admin',
};

export function roleLabel(role: string): string {
  return roleLabels[role as RoleName] ?? role.replaceAll('_', ' ');
}

export const phases: Phase[] = ['primary', 'secondary', 'all-through', 'special', 'alternative', 'nursery'];

const phaseLabels: Record<Phase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special',
  alternative: 'Alternative provision',
  nursery: 'Nursery',
};

export function phaseLabel(phase: string | null | undefined): string {
  if (!phase) return '';
  return phaseLabels[phase as Phase] ?? phase;
}
