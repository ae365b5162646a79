export { type ButtonSize, type ButtonVariant, buttonVariants, default as Button } from './button.svelte';
