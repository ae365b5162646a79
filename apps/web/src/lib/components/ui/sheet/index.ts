import { Dialog as SheetPrimitive } from 'bits-ui';

export { default as SheetContent, type SheetSide, sheetVariants } from './sheet-content.svelte';
export { default as SheetTitle } from './sheet-title.svelte';

export const Sheet = SheetPrimitive.Root;
export const SheetTrigger = SheetPrimitive.Trigger;
export const SheetClose = SheetPrimitive.Close;
