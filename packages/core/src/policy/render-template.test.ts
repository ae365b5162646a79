import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables } from './render-template.ts';

describe('renderTemplate', () => {
  it('fills flat and nested variables, with or without spaces in the braces', () => {
    const text = 'Ask the {{school.head_title}} of {{ school.name }}.';
    expect(
      renderTemplate(text, { 'school.head_title': 'Head of School', 'school.name': 'Oak Primary' }),
    ).toEqual({
      text: 'Ask the Head of School of Oak Primary.',
      unknown: [],
    });
    expect(renderTemplate(text, { school: { head_title: 'Headteacher', name: 'Elm Infants' } })).toEqual({
      text: 'Ask the Headteacher of Elm Infants.',
      unknown: [],
    });
  });

  it('lists the variables it uses in order of first use', () => {
    expect(templateVariables('{{school.mis}} and {{school.name}}, {{school.mis}}')).toEqual([
      'school.mis',
      'school.name',
    ]);
  });
});

describe('renderTemplate with missing values', () => {
  it('leaves unknown variables in place and reports each once', () => {
    expect(
      renderTemplate('{{school.mis}}, {{school.bursar}} and {{school.bursar}}', { 'school.mis': 'Arbor' }),
    ).toEqual({
      text: 'Arbor, {{school.bursar}} and {{school.bursar}}',
      unknown: ['school.bursar'],
    });
  });

  it('does not treat a nested object as a value', () => {
    expect(renderTemplate('{{school}}', { school: { name: 'Oak' } })).toEqual({
      text: '{{school}}',
      unknown: ['school'],
    });
  });
});
