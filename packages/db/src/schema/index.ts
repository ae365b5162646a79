export * from './access.ts';
export * from './audit.ts';
export * from './campaigns.ts';
export * from './library.ts';
export * from './notifications.ts';
export * from './people.ts';
export * from './schools.ts';
export * from './trusts.ts';
