import { DomainError } from '../../lib/errors.ts';

export const linkNotFound = () =>
  new DomainError(
    'LINK_NOT_FOUND',
    'This link is not one we know. It may have been copied wrongly, or replaced by a newer one.',
  );

export const linkWithdrawn = () =>
  new DomainError(
    'LINK_WITHDRAWN',
    'This request has been withdrawn by your school: there is nothing to do.',
  );

export const requestClosed = () =>
  new DomainError(
    'REQUEST_CLOSED',
    'This request has closed, so the link no longer works. Ask your school office if you still need it.',
  );
