// The words that differ between a trust's schools, as clause templates name them. A clause is
// written once with `{{school.head_title}}` and reads "the Headteacher" at one school and "the
// Head of School" at another.

export const schoolVariables = {
  'school.name': 'the school’s name',
  'school.head_title': "the head's title (Headteacher, Head of School…)",
  'school.mis': 'the management information system (Arbor, SIMS…)',
  'school.dsl_title': "the safeguarding lead's title",
  'school.online_safety_lead': 'who leads online safety',
  'school.governing_body': 'what the governors are called (Governing Body, Local Governing Board…)',
} as const;

export type SchoolVariable = keyof typeof schoolVariables;

export interface SchoolForRendering {
  name: string;
  variables: {
    headTitle?: string;
    misName?: string;
    dslTitle?: string;
    onlineSafetyLead?: string;
    governingBody?: string;
  };
}

const placeholder = /\{\{\s*([a-z_.]+)\s*\}\}/g;

/** Every variable a template names, in order of first use. */
export function variablesIn(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((m) => m[1]!))];
}

/** Variables a template names that do not exist: a clause with any cannot be saved. */
export function unknownVariables(template: string): string[] {
  return variablesIn(template).filter((v) => !(v in schoolVariables));
}

export function variableValues(school: SchoolForRendering): Record<SchoolVariable, string> {
  const v = school.variables;
  return {
    'school.name': school.name,
    'school.head_title': v.headTitle || 'Headteacher',
    'school.mis': v.misName || 'the school’s management information system',
    'school.dsl_title': v.dslTitle || 'Designated Safeguarding Lead',
    'school.online_safety_lead': v.onlineSafetyLead || 'Online Safety Lead',
    'school.governing_body': v.governingBody || 'Governing Body',
  };
}

/** Fills a template for one school. Unknown variables are left as written (and refused on save). */
export function renderTemplate(template: string, school: SchoolForRendering): string {
  const values = variableValues(school);
  return template.replace(placeholder, (whole, name: string) => values[name as SchoolVariable] ?? whole);
}
