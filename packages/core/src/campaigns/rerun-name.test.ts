import { describe, expect, it } from 'vitest';
import { rerunName } from './rerun-name.ts';

describe('rerunName: happy', () => {
  it('moves the academic year on by one, in the style it was written', () => {
    expect(rerunName('Staff AUP 2026/27')).toBe('Staff AUP 2027/28');
    expect(rerunName('Staff AUP 2026-2027')).toBe('Staff AUP 2027-2028');
    expect(rerunName('Governors 2026 – 27 agreement')).toBe('Governors 2027 – 28 agreement');
    expect(rerunName('AUP 2099/00')).toBe('AUP 2100/01');
  });
  it('moves only the last academic year in the name', () => {
    expect(rerunName('2019/20 policy, signing 2026/27')).toBe('2019/20 policy, signing 2027/28');
  });
  it('says "(again)" when the name has no academic year, once', () => {
    expect(rerunName('Visitors’ agreement')).toBe('Visitors’ agreement (again)');
    expect(rerunName('Visitors’ agreement (again)')).toBe('Visitors’ agreement (again)');
    expect(rerunName('Staff AUP 2026')).toBe('Staff AUP 2026 (again)');
  });
});

describe('rerunName: error', () => {
  it('does not take two unrelated years, or a date, for an academic year', () => {
    expect(rerunName('Review 2026/30')).toBe('Review 2026/30 (again)');
    expect(rerunName('Sent 2026-09-01')).toBe('Sent 2026-09-01 (again)');
  });
  it('keeps the name within 200 characters', () => {
    expect(rerunName('x'.repeat(200))).toHaveLength(200);
    expect(rerunName('x'.repeat(200)).endsWith(' (again)')).toBe(true);
  });
});
