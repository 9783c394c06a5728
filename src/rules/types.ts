// What a rule is: metadata that documents it, and a pure function from the model to findings.
import type { Dec, Severity } from '../core/decimal.js';
import type { Bilingual, Finding } from '../core/findings.js';
import type { LayoutProfile } from '../layout/types.js';
import type { Disclosure, UnitType } from '../load/model.js';
import type { PreviousDisclosure } from '../load/previous.js';

export interface CheckOptions {
  /** every nonzero difference is an error */
  strict: boolean;
  /** absolute tolerance in 万元 (e.g. 0.01 for offices that publish to whole 元) */
  absTolerance?: Dec;
  /** relative tolerance of totals marked 约 */
  approxTolerance: Dec;
  /** 行政单位 / 事业单位 / 混合: decides 机关运行经费 = 公用经费 or ≤ */
  unitType?: UnitType;
}

/** The options a rule may read, so that its documentation can name them. */
export type RuleOption = 'strict' | 'absTolerance' | 'approxTolerance' | 'unitType';

export interface RuleMeta {
  id: string;
  title: Bilingual;
  description: Bilingual;
  /** the relationship (勾稽关系) or claim the rule guards, for the docs */
  rationale: Bilingual;
  /** severity of findings that are not decided by the rounding intervals */
  defaultSeverity: Severity;
  messages: Record<string, Bilingual>;
  /** options beyond --strict and the absolute tolerance, which every comparison reads */
  options?: readonly RuleOption[];
  /** the rule compares with last year's disclosure: it runs only when one is given (--previous, --series) */
  needsPrevious?: boolean;
  /** what the rule does with an option left unset, for the docs */
  optionNotes?: Partial<Record<RuleOption, string>>;
}

/** A check a rule could not make, and why: coverage, never a silent pass. */
export interface Skipped {
  rule: string;
  what: string;
  why: Bilingual;
}

export interface RuleContext {
  disclosure: Disclosure;
  options: CheckOptions;
  /** the layout the disclosure was read with */
  layout: LayoutProfile;
  /** records a check that could not be made */
  skip(what: string, why: Bilingual): void;
  /** last year's disclosure, when one is given (--previous, --series) */
  previous?: PreviousDisclosure;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
}
