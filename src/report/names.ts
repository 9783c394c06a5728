// The report formats by name, without loading any formatter (the command line's choices).
export const FORMAT_NAMES = ['text', 'json', 'jsonl', 'sarif', 'junit', 'github', 'markdown', 'html'] as const;
