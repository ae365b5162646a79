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
