// What the command line loads before it has read anything: only what every check needs. zod
// (manifests, configuration), yaml and the workbook reader are imported when they are needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The static import graph from a source file: own modules and packages, type-only imports left out. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*(import|export)\s+(type\s)?[^'";]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      if (m[2]) continue; // erased by the compiler
      const spec = m[3] ?? m[4]!;
      if (spec.startsWith('.')) visit(join(file, '..', spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('start-up', () => {
  it('loads no validation library, YAML parser or workbook reader before they are needed', () => {
    const { files, packages } = graph('src/cli.ts');
    expect([...packages].sort()).toEqual(['chalk', 'commander', 'csv-parse/sync', 'decimal.js']);
    expect([...files].filter((f) => /xlsx|manifest\.ts|config[\\/]schema\.ts|load[\\/]model\.ts/.test(f))).toEqual([]);
  });
});
