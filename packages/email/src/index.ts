export * from './sender.ts';
export * from './templates/address-changed.ts';
export * from './templates/layout.ts';
export * from './templates/review-reminder.ts';
export * from './templates/signature-receipt.ts';
export * from './templates/signer-question.ts';
export * from './templates/signing-request.ts';
export * from './templates/your-links.ts';
