export * from './campaigns/rerun-name.ts';
export * from './csv.ts';
export * from './library/index.ts';
export * from './people/staff-list.ts';
export * from './signer-headers.ts';
export * from './svix.ts';
export * from './tokens.ts';
export * from './words.ts';
