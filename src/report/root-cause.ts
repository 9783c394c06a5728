// How a root cause reads, in every format: "一个数字可以解释 5 个问题：… 改为 593.95 后各项核对均成立".
import type { Lang } from '../core/vocabulary.js';
import type { Correction, RootCause } from '../rules/root-cause.js';

export function correctionText(c: Correction, lang: Lang): string {
  return lang === 'zh'
    ? `${c.label.zh} ${c.printed}（应为 ${c.corrected} ${c.unit}）`
    : `${c.label.en} ${c.printed} (should be ${c.corrected} ${c.unit === '万元' ? '10k yuan' : c.unit === '元' ? 'yuan' : c.unit})`;
}

/** One line naming the figure(s) to correct and how many findings that explains. */
export function rootCauseText(r: RootCause, lang: Lang): string {
  const n = r.findings.length;
  const figures = r.corrections.length;
  const list = r.corrections.map((c) => correctionText(c, lang)).join(lang === 'zh' ? '；' : '; ');
  if (r.alternatives.length) {
    const alt = r.alternatives.map((set) => set.map((c) => correctionText(c, lang)).join(lang === 'zh' ? ' 与 ' : ' and ')).join(lang === 'zh' ? '；或 ' : '; or ');
    return lang === 'zh'
      ? `${n} 个问题出自同一处，但原因不能确定：改正 ${list}；或 ${alt}，均可使这些核对成立`
      : `${n} finding${n === 1 ? '' : 's'} share one cause, which is ambiguous: correcting ${list}; or ${alt} makes these checks hold`;
  }
  return lang === 'zh'
    ? `${figures === 1 ? '一个' : `${figures} 个`}数字可以解释 ${n} 个问题：${list}，改正后这些核对均成立`
    : `${figures === 1 ? 'One figure explains' : `${figures} figures explain`} ${n} finding${n === 1 ? '' : 's'}: ${list}; corrected, these checks all hold`;
}
