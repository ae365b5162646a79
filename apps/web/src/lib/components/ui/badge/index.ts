export { type BadgeVariant, badgeVariants, default as Badge } from './badge.svelte';
