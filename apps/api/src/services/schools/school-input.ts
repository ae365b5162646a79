import type { schools } from '@attest/db';
import { DomainError } from '../../lib/errors.ts';

export interface SchoolInput {
  name: string;
  urn?: string | null;
  phase?: (typeof schools.phase.enumValues)[number] | null;
  variables?: Record<string, string>;
}

export const urnTaken = (urn: string | null | undefined) =>
  new DomainError('CONFLICT', `Another school in this trust already has URN ${urn}.`, [
    { path: 'urn', message: 'is already used' },
  ]);
