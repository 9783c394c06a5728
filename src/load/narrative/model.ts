// The narrative model: every figure the text states, typed by the claim it belongs to, each
// with its decimal value, displayed places and where it starts in the original file.
import { z } from 'zod';
import { Decimal, type Dec } from '../../core/decimal.js';

// the same shape as the tables' Location (not imported: the disclosure model imports this file)
export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  page: z.number().int().positive().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});

const DecimalSchema = z.custom<Dec>((v) => Decimal.isDecimal(v), { message: 'expected a decimal value' });

/** One number as written: "3,192.57 万元", "1312877.5 元", "55.93%", "15 个站". */
export const FigSchema = z.object({
  raw: z.string(),
  /** as displayed, in `unit` */
  value: DecimalSchema,
  decimals: z.number().int().min(0),
  /** 万元 / 元 (money), % , a measure word (人, 辆, 个…) or '' */
  unit: z.string(),
  /** "/月/人" after a money unit */
  per: z.string(),
  loc: LocationSchema,
  /** offsets in the joined narrative stream */
  start: z.number().int(),
  end: z.number().int(),
});
export type Fig = z.infer<typeof FigSchema>;

/** A stated amount: what it is called and, when known, which budget figure it is. */
export const AmountClaimSchema = z.object({
  fig: FigSchema,
  label: z.string(),
  /** canonical key: 'basic', 'threePublic', 'fn:一般公共服务支出/…', … */
  key: z.string().optional(),
  /** the L1 section it stands in (一、二、…) */
  section: z.number().int(),
  /** the innermost heading it stands under (its index among the headings; -1 before the first) */
  block: z.number().int().optional(),
  /** the year its sentence (or heading) opens with: "2021 年度“三公”经费合计支出 …" in a 2022 budget is of 2021 */
  year: z.number().int().optional(),
  approx: z.boolean(),
  /** stated in a section about 财政拨款 / 一般公共预算 only (not all funds) */
  fiscal: z.boolean(),
  /** an increase/decrease against last year, not a level */
  delta: z.enum(['增加', '减少']).optional(),
  /** which figure of a 决算 statement: the budget (年初预算/全年预算), the outturn (决算) or the gap between them (差值, 决算数大于预算数 D) */
  basis: z.enum(['budget', 'final', 'difference']).optional(),
  /** the figure a change is measured from ("比上年预算数 B 万元减少 A 万元"), not a level of this year */
  prior: z.boolean().optional(),
  /** what a split belongs to: "初中教育支出 …，其中：基本支出 …" is 基本支出 of 初中教育支出, not of the department */
  scope: z.string().optional(),
  /** the subject the amount is of, when its own words are generic ("支出决算为", "年初预算为") */
  subject: z.string().optional(),
});
export type AmountClaim = z.infer<typeof AmountClaimSchema>;

export const ShareClaimSchema = z.object({
  amount: AmountClaimSchema,
  percent: FigSchema,
  /** the stated total; absent when the total is the sum of the sibling amounts (totalOf) */
  total: AmountClaimSchema.optional(),
  /** the total as the sum of these amounts, when the text names it without stating it */
  totalOf: z.array(AmountClaimSchema).optional(),
  /** shares of one total stated together (one list): they may be forced to add up to 100% */
  group: z.number().int(),
});
export type ShareClaim = z.infer<typeof ShareClaimSchema>;

export const GrowthClaimSchema = z.object({
  /** this year's figure; absent when the text states none ("较上年减 A 万元，增 P%": only the words can be checked) */
  current: AmountClaimSchema.optional(),
  /** the change stated (增加/减少 A); absent in "较上年预算 B 万元增长 R%" */
  change: AmountClaimSchema.optional(),
  /** last year's figure when the text states it ("比上年预算数 B 万元减少 A") */
  previous: AmountClaimSchema.optional(),
  direction: z.enum(['增加', '减少']),
  /** the word of the rate; absent when no rate is stated */
  word: z.enum(['增长', '下降']).optional(),
  rate: FigSchema.optional(),
  /** the rate is printed without its % sign ("增长 13.95。") */
  percentMissing: z.boolean().optional(),
  /** what it is measured against, as the words say: 比上年预算 / 较 2018 年执行数 / 与上年相比 / 同比 */
  against: z
    .object({
      /** the words, for messages */
      text: z.string(),
      /** a year named (较 2018 年); absent for 上年 / 去年 / 同比 */
      year: z.number().int().optional(),
      /** 预算 (年初预算), 调整预算, 执行数 (实际), 决算; absent when the words name none */
      basis: z.enum(['budget', 'adjusted', 'execution', 'final']).optional(),
    })
    .optional(),
  /** the words naming what changed, when the text states no figure of it this year ("财政拨款支出增加 A 万元") */
  subject: z.string().optional(),
  /** "与上年持平", "与上年一致": no change (no change figure, no rate) */
  flat: z.boolean().optional(),
});
export type GrowthClaim = z.infer<typeof GrowthClaimSchema>;

export const SumClaimSchema = z.object({
  total: AmountClaimSchema,
  parts: z.array(AmountClaimSchema),
  /** 'eq' when the parts are the whole; 'atMost' for a single 其中 part */
  mode: z.enum(['eq', 'atMost']),
  /** '其中' or '包括' */
  form: z.string(),
  /** the parts are signed year-on-year changes */
  signed: z.boolean(),
  /** the parts' budgets against the total's budget (a 决算 list of 年初预算 and 决算) */
  basis: z.enum(['budget']).optional(),
});
export type SumClaim = z.infer<typeof SumClaimSchema>;

/** "年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 R%", "决算数小于预算数": a 决算 against its budget. */
export const ExecutionClaimSchema = z.object({
  /** what it is about, as written */
  subject: z.string(),
  key: z.string().optional(),
  loc: LocationSchema,
  final: AmountClaimSchema.optional(),
  budget: AmountClaimSchema.optional(),
  /** 年初预算, 全年预算, 调整预算 or 预算 */
  budgetWord: z.string(),
  /** 完成（年初）预算的 R% */
  rate: FigSchema.optional(),
  /** 差值 / 决算数大于预算数 D 万元 */
  difference: AmountClaimSchema.optional(),
  /** 决算数大于 / 小于 / 等于 预算数 */
  relation: z.object({ word: z.enum(['大于', '小于', '等于', '不超过']), loc: LocationSchema }).optional(),
  fiscal: z.boolean(),
});
export type ExecutionClaim = z.infer<typeof ExecutionClaimSchema>;

/** The document's year and statement as the text gives them, and the dates it states. */
export const DateClaimSchema = z.object({
  /** cutoff: 截至 Y 年 12 月 31 日; heading: a heading's 20XX 年度…决算/预算; subject: a sentence's leading year before a 决算 against its budget; malformed: 20224年 */
  kind: z.enum(['cutoff', 'heading', 'subject', 'malformed']),
  year: z.number().int(),
  raw: z.string(),
  /** 12 月 31 日 / 年底: the end of a year; a cutoff on another day is read as written */
  yearEnd: z.boolean(),
  loc: LocationSchema,
});
export type DateClaim = z.infer<typeof DateClaimSchema>;

/** How the text names the department: where it says so, and every spelling close to it. */
export const NameMentionSchema = z.object({
  text: z.string(),
  loc: LocationSchema,
  /** variant: close to the department's name but not it; placeholder: XX局 */
  kind: z.enum(['variant', 'placeholder']),
});
export type NameMention = z.infer<typeof NameMentionSchema>;

/** Wording left from a template or cut short: "下降（增长）", "增长 13.95。", "占预算总额%". */
export const WordingClaimSchema = z.object({
  kind: z.enum(['alternative', 'numberMissing']),
  text: z.string(),
  loc: LocationSchema,
});
export type WordingClaim = z.infer<typeof WordingClaimSchema>;

export const CountClaimSchema = z.object({
  fig: FigSchema,
  /** 'projects' (安排 N 个项目) or 'performanceProjects' (绩效管理的项目 N 个) */
  what: z.enum(['projects', 'performanceProjects']),
  /** 该科目下: the classification path it is scoped to */
  scope: z.string().optional(),
  /** an amount stated with the count (涉及预算金额 …) */
  amount: AmountClaimSchema.optional(),
});
export type CountClaim = z.infer<typeof CountClaimSchema>;

/** One computation in a 资金分配情况: "2000元/月*12个月*15个站=36万元". */
export const ExpressionSchema = z.object({
  text: z.string(),
  loc: LocationSchema,
  factors: z.array(FigSchema),
  /** the exact value of the left side, in the unit decided for it */
  computed: DecimalSchema,
  /** 万元 per unit of `computed` */
  computedScale: DecimalSchema,
  /** how the unit of a unitless product was decided */
  unitInferred: z.boolean(),
  result: FigSchema,
});
export type Expression = z.infer<typeof ExpressionSchema>;

export const BreakdownItemSchema = z.object({
  label: z.string(),
  /** the text since the previous figure: a fallback for matching when the label says little */
  context: z.string(),
  fig: FigSchema,
  /** the exact value in 万元 when an agreeing computation gives it */
  exactWan: DecimalSchema.optional(),
  expression: ExpressionSchema.optional(),
  /** from "开展 5 次 … 每次约 20 万元" */
  derivedFrom: z.array(FigSchema).optional(),
  approx: z.boolean(),
});
export type BreakdownItem = z.infer<typeof BreakdownItemSchema>;

export const SumStatementSchema = z.object({
  fig: FigSchema,
  approx: z.boolean(),
  /** the items it sums: those since the previous statement */
  items: z.array(BreakdownItemSchema),
  /** no item follows it */
  final: z.boolean(),
});
export type SumStatement = z.infer<typeof SumStatementSchema>;

export const ProjectSchema = z.object({
  name: z.string(),
  loc: LocationSchema,
  scale: FigSchema.optional(),
  /** 本年度预算 N 万元 / 资金总投入为 N 万元 */
  budgetStatements: z.array(FigSchema),
  items: z.array(BreakdownItemSchema),
  sums: z.array(SumStatementSchema),
  expressions: z.array(ExpressionSchema),
});
export type Project = z.infer<typeof ProjectSchema>;

export const CostCapSchema = z.object({
  name: z.string(),
  op: z.string(),
  fig: FigSchema,
  /** per-unit caps (每次, 人均, /次) are not compared with totals */
  perUnit: z.boolean(),
});
export type CostCap = z.infer<typeof CostCapSchema>;

/** A 项目支出绩效目标表 printed in the text. */
export const PerformanceTableSchema = z.object({
  name: z.string(),
  loc: LocationSchema,
  total: FigSchema.optional(),
  fiscal: FigSchema.optional(),
  other: FigSchema.optional(),
  caps: z.array(CostCapSchema),
});
export type PerformanceTable = z.infer<typeof PerformanceTableSchema>;

export const UNMATCHED_REASONS = [
  'date', // 2022 年, 12 月 31 日, 2025.1.1
  'document-number', // 〔2021〕35 号, 第 12 期
  'ordinal', // 1、 (三) 1号楼
  'quantity', // 15 个站, 100 兆, 26900 平方米 outside any claim
  'threshold', // 50 万元以上
  'rate', // 每人每天 32 元, 4000 元/月/人 outside a computation
  'contract-share', // 合同金额的 20%
  'indicator', // 绩效目标表 targets that are no money: >=95%, =15 个
  'delta', // 比上年增加 N 万元 without a rate to check
  'unmatched', // money or a percentage no pattern took
] as const;
export const UnmatchedReasonSchema = z.enum(UNMATCHED_REASONS);
export type UnmatchedReason = z.infer<typeof UnmatchedReasonSchema>;

export const UnmatchedSchema = z.object({
  text: z.string(),
  loc: LocationSchema,
  reason: UnmatchedReasonSchema,
});
export type Unmatched = z.infer<typeof UnmatchedSchema>;

export const NarrativeSchema = z.object({
  file: z.string(),
  amounts: z.array(AmountClaimSchema),
  shares: z.array(ShareClaimSchema),
  growths: z.array(GrowthClaimSchema),
  sums: z.array(SumClaimSchema),
  counts: z.array(CountClaimSchema),
  executions: z.array(ExecutionClaimSchema),
  /** the year and statement (预算 / 决算) the text is about, as its headings say */
  year: z.number().int().optional(),
  statement: z.enum(['budget', 'final']).optional(),
  /** the department as the text's headings name it */
  department: z.object({ name: z.string(), loc: LocationSchema }).optional(),
  names: z.array(NameMentionSchema),
  dates: z.array(DateClaimSchema),
  wordings: z.array(WordingClaimSchema),
  projects: z.array(ProjectSchema),
  performance: z.array(PerformanceTableSchema),
  /** figures that took part in some claim */
  extracted: z.number().int(),
  /** figures that did not, each with why */
  unmatched: z.array(UnmatchedSchema),
  /** lines skipped as table residue (the tables printed in the text) */
  residueLines: z.number().int(),
  /** residue lines that hold figures (rows of a table printed in the text): how many, and the first's number */
  tableRows: z.object({ count: z.number().int(), first: z.number().int() }).optional(),
  /** what could not be read where it stands (a computation nested too deep), as warnings there */
  notices: z.array(z.object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }), loc: LocationSchema })).optional(),
});
export type Narrative = z.infer<typeof NarrativeSchema>;
