export { default as FormField, type FieldControlProps } from './form-field.svelte';
