/**
 * Deep merge of configuration layers (defaults file ← local file ← environment), remembering which
 * layer set each key so an error can say where a bad value came from. Objects merge key by key;
 * anything else (numbers, strings, arrays, null) replaces what was there.
 */

export interface ConfigLayer {
  /** A file path or an environment variable name. */
  origin: string;
  value: Record<string, unknown>;
}

export interface MergedConfig {
  value: Record<string, unknown>;
  /** Dotted key path → the origin of the layer that last set it. */
  origins: Map<string, string>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(
  target: Record<string, unknown>,
  overlay: Record<string, unknown>,
  origin: string,
  prefix: string,
  origins: Map<string, string>,
): void {
  for (const [key, value] of Object.entries(overlay)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) {
      mergeInto(current, value, origin, path, origins);
      continue;
    }
    for (const known of [...origins.keys()]) if (known.startsWith(`${path}.`)) origins.delete(known);
    target[key] = isPlainObject(value) ? structuredClone(value) : value;
    origins.set(path, origin);
  }
}

export function mergeLayers(layers: readonly ConfigLayer[]): MergedConfig {
  const value: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const layer of layers) mergeInto(value, layer.value, layer.origin, '', origins);
  return { value, origins };
}

/** Where the value at `path` came from: the nearest key on the path that a layer set. */
export function originOf(origins: ReadonlyMap<string, string>, path: readonly string[]): string | undefined {
  for (let length = path.length; length > 0; length--) {
    const origin = origins.get(path.slice(0, length).join('.'));
    if (origin) return origin;
  }
  return undefined;
}

/** A one-key layer value from a dotted path, e.g. `a.b` + 1 → `{ a: { b: 1 } }`. */
export function nestedValue(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let nested: unknown = value;
  for (const key of keys.reverse()) nested = { [key]: nested };
  return nested as Record<string, unknown>;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Removes the key at a dotted path; returns whether it was there. */
export function removeAt(root: Record<string, unknown>, path: string): boolean {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = valueAt(root, keys);
  if (!isPlainObject(parent) || !(last in parent)) return false;
  delete parent[last];
  return true;
}
