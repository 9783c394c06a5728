// The department's name is the same wherever the text gives it: a spelling close to it but not it
// (规划与自然资源局 for 规划和自然资源局) is a warning, a placeholder left from a template (XX局) an error.
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';

const meta: RuleMeta = {
  id: 'narrative-names',
  title: { zh: '说明中的部门名称', en: 'The department\'s name in the text' },
  description: {
    zh: '部门名称在标题、各部分标题和正文中应完全一致：与部门名称相近但不同的写法（如“规划与自然资源局”之于“规划和自然资源局”）为警告，模板中未替换的占位名称（如“XX局”）为错误。',
    en: 'The department\'s name must be the same in the title, every heading and the text: a spelling close to it but not it (规划与自然资源局 for 规划和自然资源局) is a warning, a placeholder left from a template (XX局) an error.',
  },
  rationale: {
    zh: '部门名称取自说明各部分的标题（“第一部分 X概况”“X 2024 年度部门决算情况说明”）中出现最多的写法；与之相差一两个字、首尾相同的写法视为同一部门的另一种写法。',
    en: 'The name is the spelling the headings give most often ("第一部分 X概况", "X 2024 年度部门决算情况说明"); a spelling one or two characters from it, with the same first and last characters, is taken for another spelling of it.',
  },
  defaultSeverity: 'warning',
  messages: {
    variant: {
      zh: '“{text}”与部门名称“{name}”不一致',
      en: '"{text}" is not the department\'s name "{name}"',
    },
    placeholder: {
      zh: '“{text}”是模板中未替换的占位名称',
      en: '"{text}" is a placeholder left from a template',
    },
  },
};

export const narrativeNames: Rule = {
  meta,
  check({ disclosure }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const m of n.names) {
      if (m.kind === 'placeholder') out.push(plainFinding(meta, 'placeholder', { ...m.loc }, { text: m.text }, 'error'));
      else if (n.department) out.push(plainFinding(meta, 'variant', { ...m.loc }, { text: m.text, name: n.department.name }, 'warning'));
    }
    return out;
  },
};
