// How the audit log names what changed. It records the library, policies, imports, campaigns and
// evidence downloads as well as schools and people; its filter and links must say so.

const TYPE_LABELS: Record<string, string> = {
  school: 'Schools',
  person: 'People',
  membership: 'People',
  clause: 'Library clauses',
  policy: 'Policies',
  policy_import: 'Imported policies',
  campaign: 'Campaigns and evidence',
};

/** What the filter offers even before anything of that kind has changed. */
export const auditTypes = ['school', 'person', 'clause', 'policy', 'policy_import', 'campaign'];

/** "policy_import" → "Imported policies"; a type nobody has named yet reads as words. */
export function auditTypeLabel(type: string): string {
  const known = TYPE_LABELS[type];
  if (known) return known;
  const words = type.replaceAll(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Where an entry's subject can be seen now, if it has a page. */
export function auditEntityHref(type: string, id: string | null): string | null {
  if (!id) return null;
  const base: Record<string, string> = {
    school: '/schools',
    person: '/people',
    clause: '/library',
    policy: '/policies',
    campaign: '/campaigns',
  };
  return base[type] ? `${base[type]}/${id}` : null;
}
