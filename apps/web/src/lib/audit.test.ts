import { describe, expect, it } from 'vitest';
import { auditEntityHref, auditTypeLabel, auditTypes } from './audit';

describe('audit log words', () => {
  it('names every kind of change it records, not only schools and people', () => {
    expect(auditTypes.map(auditTypeLabel)).toEqual([
      'Schools',
      'People',
      'Library clauses',
      'Policies',
      'Imported policies',
      'Campaigns and evidence',
    ]);
    expect(auditTypeLabel('device_loan')).toBe('Device loan');
  });

  it('links an entry to the page of what changed, where there is one', () => {
    expect(auditEntityHref('clause', 'c1')).toBe('/library/c1');
    expect(auditEntityHref('policy', 'p1')).toBe('/policies/p1');
    expect(auditEntityHref('campaign', 'k1')).toBe('/campaigns/k1');
    expect(auditEntityHref('policy_import', 'i1')).toBeNull();
    expect(auditEntityHref('school', null)).toBeNull();
  });
});
