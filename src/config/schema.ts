// What budgetlint.config.json / .yaml may say. The zod schema is the source of the type, and its
// messages name what was expected, so a wrong key can be pointed at exactly.
import { z } from 'zod';
import { Decimal, type Dec } from '../core/decimal.js';
import { ColumnKeySchema, TableKindSchema, UnitTypeSchema } from '../load/model.js';
import { amountInWan } from './amount.js';
import { LayoutProfileSchema } from '../layout/schema.js';


export const RuleLevelSchema = z.enum(['off', 'warning', 'error']);
export type RuleLevel = z.infer<typeof RuleLevelSchema>;

/** A non-negative decimal, written as a string ("0.005") or a plain number; never a JS float inside. */
function decimalText(what: string, units: boolean) {
  return z.union([z.string(), z.number()], { error: `expected ${what}` }).transform((v, ctx): Dec => {
    const s = String(v).trim();
    const d = units ? amountInWan(s) : /^(\d+(?:\.\d+)?|\.\d+)$/.test(s) ? new Decimal(s) : undefined;
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return d;
  });
}

const Text = z.string().trim().min(1, { error: 'expected a non-empty string' });

export const CUSTOM_ID = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)+$/;

export const CustomRuleSchema = z
  .object({
    id: z
      .string({ error: 'expected a rule id such as "local/rent-cap"' })
      .regex(CUSTOM_ID, { error: 'expected a namespaced rule id such as "local/rent-cap" (letters, digits, - and _, with at least one /)' })
      .refine((id) => !id.startsWith('input/'), { error: 'the "input/" namespace is reserved for load problems' }),
    assert: z.string({ error: 'expected an assertion such as "T6[\'30214\'].合计 <= 50"' }).min(1, { error: 'expected an assertion such as "T6[\'30214\'].合计 <= 50"' }),
    message: z.union([Text, z.object({ zh: Text, en: Text }).strict()], { error: 'expected a message string or { zh, en }' }).optional(),
    severity: z.enum(['error', 'warning']).optional(),
    description: Text.optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z.record(z.string(), RuleLevelSchema).optional(),
    /** run only these rules (ids or globs such as "narrative-*"); --rule does the same */
    only: z.array(Text).optional(),
    /** never run these rules (ids or globs); --disable does the same */
    disable: z.array(Text).optional(),
    /** exit 1 when there are more warnings than this; --max-warnings does the same */
    maxWarnings: z.number().int().min(0).optional(),
    /** where a team hosts the rule docs: a URL with {rule} for the rule id */
    docsUrl: z.string().regex(/\{rule\}/, { error: 'expected a URL with {rule} where the rule id goes, such as "https://docs.example.org/budgetlint/{rule}.html"' }).optional(),
    tolerances: z
      .object({
        approx: decimalText('a ratio such as "0.005"', false).optional(),
        absolute: decimalText('an amount in 万元 such as "0.01", or with a unit such as "1元"', true).optional(),
      })
      .strict()
      .optional(),
    unitType: UnitTypeSchema.optional(),
    strict: z.boolean().optional(),
    failOn: z.enum(['error', 'warning']).optional(),
    aliases: z
      .object({
        tables: z.partialRecord(TableKindSchema, z.array(Text)).optional(),
        columns: z.partialRecord(ColumnKeySchema, z.array(Text)).optional(),
      })
      .strict()
      .optional(),
    customRules: z.array(CustomRuleSchema).optional(),
    /** layout profiles of the office's own region (budgetlint layouts shows the built-in ones) */
    layouts: z.array(LayoutProfileSchema).optional(),
    /** read every disclosure with this layout instead of detecting it */
    layout: z.string().optional(),
    /** check each year of a unit against the year before, paired by their names (<unit>/2018, <unit>/2019) */
    series: z.boolean().optional(),
    /** this year's disclosure → last year's, paths relative to the configuration file */
    previous: z.record(Text, Text).optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
