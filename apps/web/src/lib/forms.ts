import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * For GET filter forms: leave empty fields out of the URL (`?q=Zed`, not `?q=Zed&school=&role=`).
 * The `formdata` event fires both for a native submit and for SvelteKit's client-side one.
 */
export function dropEmptyFields(event: FormDataEvent): void {
  for (const [key, value] of [...event.formData.entries()]) {
    if (value === '') event.formData.delete(key);
  }
}

/** For a filter that applies as soon as it changes (a dropdown, a checkbox): sends its form. */
export function submitOnChange(event: Event): void {
  (event.currentTarget as HTMLInputElement | HTMLSelectElement).form?.requestSubmit();
}

/**
 * `use:enhance` for a form whose button shows it is being sent: `setPending(true)` until the page
 * has updated. A form that succeeds is emptied for the next entry, unless `keep` (a form that
 * stays open on what was saved); then, on success only, `onSuccess` (close a panel, move focus).
 */
export function whileSending(
  setPending: (pending: boolean) => void,
  { keep = false, onSuccess }: { keep?: boolean; onSuccess?: () => unknown } = {},
): SubmitFunction {
  return () => {
    setPending(true);
    return async ({ update, result }) => {
      await update({ reset: !keep });
      setPending(false);
      if (result.type === 'success') await onSuccess?.();
    };
  };
}

/** Once the page has updated, moves focus to what a form's answer put there (a flash, a result). */
export async function focusById(id: string): Promise<void> {
  await tick();
  document.getElementById(id)?.focus();
}
