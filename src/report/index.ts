// Formatters by name. Formats added later register here.
import { jsonFormatter } from './json.js';
import { textFormatter } from './text.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Record<string, Formatter> = {
  text: textFormatter,
  json: jsonFormatter,
};
