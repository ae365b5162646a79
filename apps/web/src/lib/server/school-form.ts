import { phases } from '$lib/format';
import { schoolFields } from '$lib/school-form';
import type { Phase, SchoolInput } from '$lib/types';
import { formValues, orNull } from './forms';

export function readSchoolForm(data: FormData) {
  const values = formValues(data, schoolFields);
  const errors: Record<string, string> = {};
  if (!values['name']) errors['name'] = 'Enter the school’s name';
  if (values['urn'] && !/^\d{6}$/.test(values['urn'])) {
    errors['urn'] = 'A URN is the 6-digit number from Get Information about Schools, like 138421';
  }
  if (values['phase'] && !phases.includes(values['phase'] as Phase))
    errors['phase'] = 'Choose a phase from the list';

  const input = {
    name: values['name'] ?? '',
    urn: orNull(values['urn']),
    phase: orNull(values['phase']) as Phase | null,
    variables: {
      headTitle: values['variables.headTitle'] ?? '',
      misName: values['variables.misName'] ?? '',
      dslTitle: values['variables.dslTitle'] ?? '',
      onlineSafetyLead: values['variables.onlineSafetyLead'] ?? '',
      governingBody: values['variables.governingBody'] ?? '',
    },
  } satisfies SchoolInput;
  return { values, errors, input };
}
