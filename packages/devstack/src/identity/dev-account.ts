/** A demo account the dev issuer can sign in as (listed at GET /identity/users). */
export interface DevAccount {
  /** Clerk-style user id, the token's `sub`. */
  userId: string;
  email: string;
  name: string;
  /** The trust's organization id, the token's `o.id`. */
  orgId: string;
  orgRole: 'org:admin' | 'org:member';
  trustName: string;
  /** The product role, e.g. 'trust_admin' or 'head'. */
  role: string;
  /** Names or ids of the schools the role applies to. */
  schools: string[];
}

export type ListDevAccounts = () => Promise<DevAccount[]>;
