/**
 * For GET filter forms: leave empty fields out of the URL (`?q=Zed`, not `?q=Zed&school=&role=`).
 * The `formdata` event fires both for a native submit and for SvelteKit's client-side one.
 */
export function dropEmptyFields(event: FormDataEvent): void {
  for (const [key, value] of [...event.formData.entries()]) {
    if (value === '') event.formData.delete(key);
  }
}
