export { default as Select, type SelectOption } from './select.svelte';
