/** Field names of the clause forms, and how the error summary names them. */
export const clauseFields = ['category', 'title', 'text', 'rules', 'schoolId'] as const;

export const clauseFieldLabels: Record<string, string> = {
  category: 'Category',
  title: 'Title',
  text: 'Wording',
  rules: 'Rules under this clause',
  schoolId: 'Which schools',
};
