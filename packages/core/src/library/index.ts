export * from './categorise.ts';
export * from './diff-versions.ts';
export * from './render-policy.ts';
export * from './signature-fields.ts';
export * from './titles.ts';
export * from './variables.ts';
