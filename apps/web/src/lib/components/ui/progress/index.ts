export { default as Progress } from './progress.svelte';
