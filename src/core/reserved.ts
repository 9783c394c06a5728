// Keys that name JavaScript's object machinery rather than data. Parsed from a file they are own
// keys, but whatever copies them into an object (a schema's output, a lookup table) may set a
// prototype or read an inherited function instead: such a key is never meant, so it is named.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths ("rules.__proto__", "tables.constructor") of reserved keys anywhere in parsed data. */
export function reservedKeys(data: unknown): string[] {
  const out: string[] = [];
  // iterative, so a deeply nested file costs no call stack
  const stack: Array<{ v: unknown; path: string }> = [{ v: data, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const entries = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x] as const) : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]] as const);
    for (const [k, x] of entries) {
      const here = Array.isArray(v) ? `${path}${k}` : path ? `${path}.${k}` : k;
      if (!Array.isArray(v) && RESERVED.has(k)) out.push(here);
      stack.push({ v: x, path: here });
    }
  }
  return out.sort();
}
