export * from './csv.ts';
export * from './people/staff-list.ts';
export * from './library/index.ts';
