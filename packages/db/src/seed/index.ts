export * from './demo-trust.ts';
export * from './seed-demo.ts';
