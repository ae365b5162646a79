export const personFieldLabels: Record<string, string> = {
  name: 'Full name',
  email: 'Email address',
  jobTitle: 'Job title',
  role: 'Role at this school',
  schoolId: 'School',
};
