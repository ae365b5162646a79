import { membershipRoles } from '$lib/format';
import type { MembershipRole } from '$lib/types';
import { formValues, looksLikeEmail } from './forms';

/** Checks that save a round trip; the API still validates everything. */
export function readPersonForm(data: FormData, { withRole }: { withRole: boolean }) {
  const values = formValues(
    data,
    withRole ? ['name', 'email', 'jobTitle', 'role'] : ['name', 'email', 'jobTitle'],
  );
  const errors: Record<string, string> = {};
  if (!values['name']) errors['name'] = 'Enter the person’s full name';
  if (!values['email']) errors['email'] = 'Enter their email address';
  else if (!looksLikeEmail(values['email'])) {
    errors['email'] = `‘${values['email']}’ is not an email address. Use the form name@school.org.uk`;
  }
  if (withRole && !membershipRoles.includes(values['role'] as MembershipRole)) {
    errors['role'] = 'Choose whether they are staff, a governor, a volunteer or a visitor';
  }
  return { values, errors };
}
