import { describe, expect, it } from 'vitest';
import { matchHeader, parseStaffList } from './staff-list.ts';

describe('parseStaffList: happy', () => {
  it('matches header names loosely', () => {
    expect(matchHeader('E-mail Address')).toBe('email');
    expect(matchHeader(' Job Title ')).toBe('jobTitle');
    expect(matchHeader('Surname')).toBe('lastName');
    expect(matchHeader('Staff Type')).toBe('role');
    expect(matchHeader('Shoe size')).toBeNull();
  });
  it('reads rows, normalises emails and defaults the role to staff', () => {
    const { rows, fileErrors } = parseStaffList(
      'Full Name,Email,Position\nJo Smith,Jo.Smith@Example.org,Class Teacher\n',
    );
    expect(fileErrors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        name: 'Jo Smith',
        email: 'jo.smith@example.org',
        jobTitle: 'Class Teacher',
        role: 'staff',
        errors: [],
      },
    ]);
  });
  it('joins first and last names and maps role synonyms', () => {
    const { rows } = parseStaffList('Forename;Surname;Email;Role\nAmy;Lee;a.lee@example.org;Governors\n');
    expect(rows[0]).toMatchObject({ name: 'Amy Lee', role: 'governor', errors: [] });
  });
});

describe('parseStaffList: error', () => {
  it('explains every bad row with its line number', () => {
    const csv = [
      'name,email,job title,role',
      'Jo Smith,j.smith@,Teacher,staff',
      ',no.name@example.org,,',
      'Sam Jones,sam@example.org,,caretaker',
      'Sam Again,SAM@example.org,,staff',
    ].join('\n');
    const { rows } = parseStaffList(csv);
    expect(rows.map((r) => [r.row, r.errors])).toEqual([
      [2, ["'j.smith@' is not an email address"]],
      [3, ['the name is missing']],
      [4, ["'caretaker' is not a role we know: use staff, governor, volunteer or visitor"]],
      [5, []],
    ]);
  });
  it('rejects the second of two rows with the same email, naming the first', () => {
    const { rows } = parseStaffList('name,email\nA,a@example.org\nB,A@example.org\n');
    expect(rows[1]!.errors).toEqual(['A@example.org is already on row 2 of this file']);
  });
  it('refuses a file without name and email columns, saying what it found', () => {
    const { fileErrors, rows } = parseStaffList('colour,size\nred,9\n');
    expect(rows).toEqual([]);
    expect(fileErrors[0]).toContain('"colour", "size"');
  });
  it('refuses an empty file', () => {
    expect(parseStaffList('').fileErrors[0]).toMatch(/empty/);
  });
});
