export { type AlertVariant, alertVariants, default as Alert } from './alert.svelte';
