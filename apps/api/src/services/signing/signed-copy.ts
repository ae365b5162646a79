import { renderPdf, signedCopyDocument } from '@attest/core/evidence/index';
import { fromJson } from '../../lib/pg-values.ts';

/**
 * The columns a signed copy is made from: one signature joined to its version and school. Both
 * the signer's download (by link) and the admin's (by recipient) select these, under these names.
 */
export interface SignedCopyRow {
  school_name: string;
  title: string;
  label: string;
  canonical_text: string;
  version_sha256: string;
  statements: string[] | string;
  typed_name: string;
  job_title: string | null;
  signed_at: string;
  campaign_name?: string;
  person_name?: string;
  /** Where it was signed from, as recorded with the signature: the signer's address and browser. */
  ip: string | null;
  user_agent: string | null;
}

/** Renders one signed copy (PDF) from its row; the same document whoever downloads it. */
export async function renderSignedCopy(row: SignedCopyRow) {
  const doc = signedCopyDocument({
    schoolName: row.school_name,
    policyTitle: row.title,
    versionLabel: row.label,
    canonicalText: row.canonical_text,
    sha256: row.version_sha256,
    statements: fromJson(row.statements),
    typedName: row.typed_name,
    jobTitle: row.job_title ?? null,
    signedAt: new Date(row.signed_at),
    ...(row.campaign_name ? { campaignName: row.campaign_name } : {}),
    ...(row.person_name ? { personName: row.person_name } : {}),
    ip: row.ip,
    userAgent: row.user_agent,
  });
  return { bytes: (await renderPdf(doc)).bytes, fileName: doc.fileName };
}
