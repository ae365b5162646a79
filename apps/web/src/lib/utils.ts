import { type ClassValue, clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';

/** Joins class names and lets later Tailwind classes win over earlier ones. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

/** "1 person", "2 people"; "1 row", "3 rows": the same words the API's audit summaries use. */
export { agree, plural } from '@attest/core/words';

/** "Ann, Bob and Cat". */
export function listSentence(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Props of a component that exposes its root element through `bind:ref`. */
export type WithElementRef<T, U extends HTMLElement = HTMLElement> = T & { ref?: U | null };
