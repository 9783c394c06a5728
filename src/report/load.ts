// A formatter by name, loading only its own module (a run writes one format; the others, the HTML
// report's assets above all, are not read at start-up). FORMATTERS in index.ts holds them all.
import type { Formatter } from './types.js';

export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  switch (name) {
    case 'text':
      return (await import('./text.js')).textFormatter;
    case 'json':
      return (await import('./json.js')).jsonFormatter;
    case 'jsonl':
      return (await import('./json.js')).jsonlFormatter;
    case 'sarif':
      return (await import('./sarif.js')).sarifFormatter;
    case 'junit':
      return (await import('./junit.js')).junitFormatter;
    case 'github':
      return (await import('./github.js')).githubFormatter;
    case 'markdown':
      return (await import('./markdown.js')).markdownFormatter;
    case 'html':
      return (await import('./html.js')).htmlFormatter;
    default:
      return undefined;
  }
}
