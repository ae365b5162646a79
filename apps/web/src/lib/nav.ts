import BookOpen from '@lucide/svelte/icons/book-open';
import FileText from '@lucide/svelte/icons/file-text';
import History from '@lucide/svelte/icons/history';
import Laptop from '@lucide/svelte/icons/laptop';
import LayoutDashboard from '@lucide/svelte/icons/layout-dashboard';
import School from '@lucide/svelte/icons/school';
import Send from '@lucide/svelte/icons/send';
import ShieldAlert from '@lucide/svelte/icons/shield-alert';
import Users from '@lucide/svelte/icons/users';
import type { Component } from 'svelte';

export interface NavItem {
  href: string;
  label: string;
  icon: Component<{ class?: string; 'aria-hidden'?: boolean | 'true' | 'false' }>;
  /** Places not built yet show a "coming soon" page. */
  soon?: boolean;
  /** Only trust admins see it (the audit log is trust-wide). */
  trustAdminOnly?: boolean;
}

/** The places of UI.md, in its order. */
export const navItems: NavItem[] = [
  { href: '/', label: 'Overview', icon: LayoutDashboard },
  { href: '/schools', label: 'Schools', icon: School },
  { href: '/people', label: 'People', icon: Users },
  { href: '/library', label: 'Library', icon: BookOpen },
  { href: '/policies', label: 'Policies', icon: FileText },
  { href: '/campaigns', label: 'Campaigns', icon: Send },
  { href: '/devices', label: 'Devices', icon: Laptop, soon: true },
  { href: '/exceptions', label: 'Exceptions', icon: ShieldAlert, soon: true },
  { href: '/audit', label: 'Audit', icon: History, trustAdminOnly: true },
];

export function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
