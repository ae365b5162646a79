// Evidence documents as PDFs. Imported as '@attest/core/evidence/index' (not from the package root)
// so that only the API, which renders them, carries the PDF writer.
export * from '../pdf/index.ts';
export * from './evidence-pack.ts';
export * from './format.ts';
export * from './signed-copy.ts';
