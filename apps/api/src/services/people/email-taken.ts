import { DomainError } from '../../lib/errors.ts';

export const emailTaken = (email: string) =>
  new DomainError('EMAIL_TAKEN', `${email} already belongs to someone in this trust.`, [
    { path: 'email', message: 'is already used by someone in this trust' },
  ]);
