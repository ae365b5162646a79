import { unknownVariables } from '@attest/core';
import { DomainError } from '../../lib/errors.ts';
import type { ClauseChild } from './clause-rows.ts';

/** A clause with an unknown variable cannot be saved: it would render as `{{…}}` to staff. */
export function assertKnownVariables(text: string, children: ClauseChild[] = [], path = 'text') {
  const walk = (cs: ClauseChild[]): string[] => cs.flatMap((c) => [c.text, ...walk(c.children)]);
  const unknown = [...new Set([text, ...walk(children)].flatMap(unknownVariables))];
  if (unknown.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${path}: ${unknown.map((u) => `{{${u}}}`).join(', ')} ${unknown.length === 1 ? 'is not a variable' : 'are not variables'} we know. Use {{school.name}}, {{school.head_title}}, {{school.mis}}, {{school.dsl_title}}, {{school.online_safety_lead}} or {{school.governing_body}}.`,
      [{ path, message: `unknown variable ${unknown.join(', ')}` }],
    );
  }
}
