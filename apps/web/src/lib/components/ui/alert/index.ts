export { default as Alert, type AlertVariant, alertVariants } from './alert.svelte';
