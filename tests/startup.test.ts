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
  it('the command line itself loads only its argument parser: each command is imported when it runs', () => {
    const { files, packages } = graph('src/cli.ts');
    expect([...packages].sort()).toEqual(['commander']);
    expect([...files].sort()).toEqual(['src/cli.ts', join('src', 'core', 'vocabulary.ts'), join('src', 'report', 'names.ts')].sort());
  });

  it('a check loads no validation library, YAML parser, workbook or PDF reader, other format or csv-parse before they are needed', () => {
    const check = graph('src/commands/check.ts');
    const request = graph('src/commands/request.ts');
    const packages = new Set([...check.packages, ...request.packages]);
    // chalk comes with the text format, csv-parse only for what the grid's own reader leaves to it
    expect([...packages].sort()).toEqual(['decimal.js']);
    const files = [...check.files, ...request.files];
    expect(files.filter((f) => /xlsx|pdf[\\/]|manifest\.ts|config[\\/]schema\.ts|load[\\/]model\.ts|report[\\/](html|sarif|junit|markdown|github)/.test(f))).toEqual([]);
    // the 情况说明 reader (its claim readers, projects, sections) comes only with a text to read
    expect(files.filter((f) => /load[\\/]narrative[\\/](index|projects|claims[\\/])/.test(f))).toEqual([]);
  });
});
