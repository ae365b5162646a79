/** Field names of the school form; the variables use the API's own dotted paths. */
export const schoolFields = [
  'name',
  'urn',
  'phase',
  'variables.headTitle',
  'variables.misName',
  'variables.dslTitle',
  'variables.onlineSafetyLead',
  'variables.governingBody',
] as const;

export const schoolFieldLabels: Record<string, string> = {
  name: 'School name',
  urn: 'URN',
  phase: 'Phase',
  'variables.headTitle': 'Head’s title',
  'variables.misName': 'MIS',
  'variables.dslTitle': 'DSL’s title',
  'variables.onlineSafetyLead': 'Online-safety lead',
  'variables.governingBody': 'Governing body',
};

/** The school's own words that fill the gaps in its policies, with the form's hint for each. */
export const schoolVariables = [
  { key: 'headTitle', hint: 'For example Headteacher, Principal or Head of School.' },
  { key: 'misName', hint: 'The management information system, for example Arbor, Bromcom or SIMS.' },
  { key: 'dslTitle', hint: 'For example Designated Safeguarding Lead.' },
  {
    key: 'onlineSafetyLead',
    hint: 'Who staff tell about an online-safety concern, for example the Computing Lead.',
  },
  {
    key: 'governingBody',
    hint: 'What the school calls its governors, for example Governing Board or Local Governing Body.',
  },
] as const;
