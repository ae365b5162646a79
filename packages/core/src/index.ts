export * from './csv.ts';
export * from './library/index.ts';
export * from './people/staff-list.ts';
export * from './tokens.ts';
