export { default as Badge, type BadgeVariant, badgeVariants } from './badge.svelte';
