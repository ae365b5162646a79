import { getContext, setContext } from 'svelte';

/** What a FilterBar tells its fields: how their ids start, and the filters the list is showing. */
export interface FilterContext {
  readonly idPrefix: string;
  readonly values: Readonly<Record<string, unknown>>;
}

const key = Symbol('filters');

export function setFilterContext(context: FilterContext): void {
  setContext(key, context);
}

/** A field's id (`people-role`) and current value (as a string, if it has one) in its FilterBar. */
export function filterField(name: () => string) {
  const context = getContext<FilterContext>(key);
  return {
    get id() {
      return `${context.idPrefix}-${name()}`;
    },
    get value() {
      const value = context.values[name()];
      return typeof value === 'string' ? value : undefined;
    },
  };
}
