import { parseCsv, sniffDelimiter } from '../csv.ts';

// Turns a school's staff list (as exported from an MIS or typed into a spreadsheet) into rows the
// API can write, with a reason for every row it cannot take. Pure: the API decides what is new.

export const membershipRoles = ['staff', 'governor', 'volunteer', 'visitor'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export interface StaffListRow {
  row: number;
  name: string | null;
  email: string | null;
  jobTitle: string | null;
  role: MembershipRole | null;
  errors: string[];
}

export interface StaffListParse {
  rows: StaffListRow[];
  /** Problems with the file as a whole (no header we recognise, unclosed quote). */
  fileErrors: string[];
}

type Column = 'name' | 'firstName' | 'lastName' | 'email' | 'jobTitle' | 'role';

// Header names matched loosely: case, spaces, punctuation and common synonyms don't matter.
const headerSynonyms: Record<Column, string[]> = {
  name: ['name', 'fullname', 'staffname', 'displayname', 'person', 'legalname', 'preferredname'],
  firstName: ['firstname', 'forename', 'forenames', 'givenname', 'first'],
  lastName: ['lastname', 'surname', 'familyname', 'last'],
  email: ['email', 'emailaddress', 'workemail', 'schoolemail', 'mail', 'emailid'],
  jobTitle: ['jobtitle', 'title', 'job', 'position', 'post', 'roletitle', 'jobrole', 'staffrole'],
  role: ['role', 'type', 'stafftype', 'category', 'group', 'audience', 'membership', 'relationship'],
};

const roleSynonyms: Record<string, MembershipRole> = {
  staff: 'staff',
  employee: 'staff',
  teacher: 'staff',
  teachingstaff: 'staff',
  supportstaff: 'staff',
  member: 'staff',
  governor: 'governor',
  governors: 'governor',
  trustee: 'governor',
  volunteer: 'volunteer',
  volunteers: 'volunteer',
  visitor: 'visitor',
  visitors: 'visitor',
  contractor: 'visitor',
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

export function matchHeader(header: string): Column | null {
  const key = squash(header);
  for (const [column, names] of Object.entries(headerSynonyms) as [Column, string[]][]) {
    if (names.includes(key)) return column;
  }
  return null;
}

// Deliberately simple: one @, a dot in the domain, no spaces. Real deliverability is learned
// from bounces, not guessed here.
const emailPattern = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;
export const isEmail = (value: string) => emailPattern.test(value) && value.length <= 254;

export function parseStaffList(csv: string): StaffListParse {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv, sniffDelimiter(csv));
  } catch (error) {
    return { rows: [], fileErrors: [(error as Error).message] };
  }
  const [header, ...body] = records;
  if (!header)
    return { rows: [], fileErrors: ['The file is empty. Add a header row: name, email, job title, role.'] };
  const columns = header.fields.map(matchHeader);
  const has = (c: Column) => columns.includes(c);
  if (!has('email') || !(has('name') || has('firstName') || has('lastName'))) {
    return {
      rows: [],
      fileErrors: [
        `Row 1 should name the columns: we need at least "name" and "email" (found ${header.fields
          .map((f) => `"${f.trim()}"`)
          .join(', ')}).`,
      ],
    };
  }
  const firstLine = new Map<string, number>();
  const rows = body.map((record): StaffListRow => {
    const get = (c: Column) => {
      const i = columns.indexOf(c);
      const v = i >= 0 ? (record.fields[i] ?? '').replace(/\s+/g, ' ').trim() : '';
      return v === '' ? null : v;
    };
    const errors: string[] = [];
    const name = get('name') ?? ([get('firstName'), get('lastName')].filter(Boolean).join(' ') || null);
    const rawEmail = get('email');
    const email = rawEmail?.toLowerCase() ?? null;
    const jobTitle = get('jobTitle');
    const rawRole = get('role');
    let role: MembershipRole | null = 'staff';
    if (!name) errors.push('the name is missing');
    else if (name.length > 200) errors.push('the name is longer than 200 characters');
    if (!rawEmail) errors.push('the email address is missing');
    else if (!isEmail(rawEmail)) errors.push(`'${rawEmail}' is not an email address`);
    if (jobTitle && jobTitle.length > 200) errors.push('the job title is longer than 200 characters');
    if (rawRole) {
      role = roleSynonyms[squash(rawRole)] ?? null;
      if (!role) errors.push(`'${rawRole}' is not a role we know: use staff, governor, volunteer or visitor`);
    }
    if (email && errors.length === 0) {
      const seen = firstLine.get(email);
      if (seen !== undefined) errors.push(`${rawEmail} is already on row ${seen} of this file`);
      else firstLine.set(email, record.line);
    }
    return {
      row: record.line,
      name,
      email: rawEmail ? (isEmail(rawEmail) ? email : rawEmail) : null,
      jobTitle,
      role,
      errors,
    };
  });
  return { rows, fileErrors: [] };
}
