// Formatters by name. Formats added later register here.
import { githubFormatter } from './github.js';
import { htmlFormatter } from './html.js';
import { jsonFormatter, jsonlFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { markdownFormatter } from './markdown.js';
import { sarifFormatter } from './sarif.js';
import { textFormatter } from './text.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Record<string, Formatter> = {
  text: textFormatter,
  json: jsonFormatter,
  jsonl: jsonlFormatter,
  sarif: sarifFormatter,
  junit: junitFormatter,
  github: githubFormatter,
  markdown: markdownFormatter,
  html: htmlFormatter,
};
