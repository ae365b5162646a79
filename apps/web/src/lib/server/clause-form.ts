import { isHttpError, isRedirect } from '@sveltejs/kit';
import { clauseFields } from '$lib/clause-form';
import { parseRules } from '$lib/clause-text';
import { isClauseCategory } from '$lib/format';
import type { ClauseCategory, ClauseChild } from '$lib/types';
import { ApiError } from './api';
import { actionError } from './errors';
import { formValues } from './forms';

export interface ClauseFormInput {
  category: ClauseCategory | undefined;
  title: string;
  text: string;
  children: ClauseChild[];
  schoolId: string | null;
}

/** The clause form as submitted: values to refill it, errors found before asking the API, the input. */
export function readClauseForm(data: FormData, need: { category?: boolean; title?: boolean } = {}) {
  const values = formValues(data, clauseFields);
  // Wording keeps its line breaks and leading spaces (nesting); only the ends are trimmed.
  values['rules'] =
    typeof data.get('rules') === 'string' ? String(data.get('rules')).replace(/\s+$/, '') : '';
  const errors: Record<string, string> = {};
  const category = isClauseCategory(values['category'] ?? '')
    ? (values['category'] as ClauseCategory)
    : undefined;
  if (need.category !== false && !category) errors['category'] = 'Choose the category the clause belongs in';
  if (need.title !== false && !values['title']) errors['title'] = 'Enter a short title, such as “Passwords”';
  if (!values['text']) errors['text'] = 'Enter the wording of the clause';
  const input: ClauseFormInput = {
    category,
    title: values['title'] ?? '',
    text: values['text'] ?? '',
    children: parseRules(values['rules'] ?? ''),
    schoolId: values['schoolId'] || null,
  };
  return { values, errors, input };
}

/**
 * `actionError` for clause and policy wording: nested rules are one box on the form, and a wording
 * naming a variable we do not know gets the API's own sentence ("{{school.head}} is not a variable
 * we know. Use …") next to the box rather than the terse field message.
 */
export function wordingActionError(
  e: unknown,
  url: URL,
  form: string,
  values: Record<string, string>,
  fieldMap: Record<string, string> = {},
) {
  if (isRedirect(e) || isHttpError(e)) throw e;
  const failure = actionError(e, url, form, values, fieldMap);
  const errors = failure.data.errors;
  for (const key of Object.keys(errors)) {
    const target = key.startsWith('children') ? 'rules' : key;
    if (target !== key) {
      errors[target] ??= errors[key]!;
      delete errors[key];
    }
  }
  if (e instanceof ApiError) {
    const match = /^([\w.]+): (.*(?:is not a variable|are not variables).*)$/s.exec(e.message);
    if (match) {
      const path = match[1]!;
      const field = fieldMap[path] ?? (path.startsWith('children') ? 'rules' : path);
      errors[field] = match[2]!;
    }
  }
  return failure;
}
