// Wording left from a template or cut short: both alternatives of "下降（增长）", "小于（大于、等于）",
// "小于预算数（或与预算数持平）" left in the text; a share with no figure ("占预算总额%").
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';

const meta: RuleMeta = {
  id: 'narrative-wording',
  title: { zh: '说明中未取舍的模板用语', en: 'Template wording left in the text' },
  description: {
    zh: '模板中并列的备选用语（“增加（减少）”“下降（增长）”“小于（大于、等于）”“（或与预算数持平）”）应按实际情况取舍；“占……%”应有数字。',
    en: 'The alternatives a template offers ("增加（减少）", "下降（增长）", "小于（大于、等于）", "（或与预算数持平）") must be settled by the figures; a share "占…%" must have its figure.',
  },
  rationale: {
    zh: '保留两种说法时读者无法知道哪一种成立；金额本身的核对由其他规则完成。',
    en: 'With both words left in, a reader cannot tell which holds; the figures themselves are checked by the other rules.',
  },
  defaultSeverity: 'warning',
  messages: {
    alternative: {
      zh: '“{text}”保留了模板的备选用语，未按实际情况取舍',
      en: '"{text}" keeps the template\'s alternatives instead of the word that holds',
    },
    numberMissing: {
      zh: '“{text}”缺少数字',
      en: '"{text}" has no figure',
    },
  },
};

export const narrativeWording: Rule = {
  meta,
  check({ disclosure }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const w of n.wordings) out.push(plainFinding(meta, w.kind, { ...w.loc }, { text: w.text }));
    return out;
  },
};
