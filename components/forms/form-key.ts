/**
 * A key for a form after each action result. React 19 resets a form to its
 * first default values after its action runs (selects included); keyed by the
 * result, the form re-mounts with the values the action echoed back instead.
 */
const keys = new WeakMap<object, string>();
let counter = 0;

export function formKey(state: object | null): string {
  if (!state) return "initial";
  let key = keys.get(state);
  if (!key) {
    key = `result-${++counter}`;
    keys.set(state, key);
  }
  return key;
}
