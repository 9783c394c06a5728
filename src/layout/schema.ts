// The schema of a layout profile. Built-in profiles are validated by the tests; a profile from a
// configuration file when the configuration is read (zod is loaded only then).
import { z } from 'zod';
import { SIDES } from '../core/vocabulary.js';
import { COLUMN_KEYS, STRUCTURES, TABLE_KINDS } from '../load/constants.js';
import type { LayoutProfile } from './types.js';

const Text = z.string().trim().min(1, { error: 'expected a non-empty string' });
const BilingualSchema = z.object({ zh: Text, en: Text }).strict();

const Pattern = Text.refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a regular expression' },
);

export const LayoutTableSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'expected an id such as "T5"' }),
    role: z.enum(TABLE_KINDS),
    number: BilingualSchema,
    name: BilingualSchema,
    titles: z.array(Pattern).min(1),
    structure: z.enum(STRUCTURES).optional(),
    sides: z.array(z.enum(SIDES)).optional(),
    columns: z.array(Text).optional(),
    order: z.array(z.string().regex(/^[A-Za-z0-9]+(@[A-Za-z0-9]+)?$/, { error: 'expected a column key, or key@dimension' })).optional(),
    textColumns: z
      .array(z.string().refine((c) => (COLUMN_KEYS as readonly string[]).includes(c.split('@')[0]!) && /^[A-Za-z0-9]+(@[A-Za-z0-9]+)?$/.test(c), { error: 'expected a column key, or key@dimension' }))
      .optional(),
    optional: z.boolean().optional(),
    emptyNote: z.boolean().optional(),
  })
  .strict();

export const LayoutLinkSchema = z
  .object({
    rule: Text,
    assert: Text,
    relax: z.enum(['nonFiscalRevenue', 'unlessAdministrative', 'fundMoney']).optional(),
    unlessTable: Text.optional(),
  })
  .strict();

export const LayoutProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected an id such as "jiangsu-2017" (lower case, digits, -)' }),
    name: BilingualSchema,
    statement: z.enum(['budget', 'final']),
    description: BilingualSchema.optional(),
    tables: z.array(LayoutTableSchema).min(1),
    links: z.array(LayoutLinkSchema),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    const roles = new Set<string>();
    p.tables.forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tables', i, 'id'], message: `table id "${t.id}" is used twice` });
      if (roles.has(t.role)) ctx.addIssue({ code: 'custom', path: ['tables', i, 'role'], message: `role "${t.role}" is used twice` });
      ids.add(t.id);
      roles.add(t.role);
    });
  });

// the schema and the type say the same thing
export type CheckedProfile = z.infer<typeof LayoutProfileSchema>;
const _sameShape: LayoutProfile = {} as CheckedProfile;
void _sameShape;
