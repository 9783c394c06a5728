// The claims of the prose, one reader per kind, in the order they build on each other: amounts
// first (what each money figure is), then the lists they form and the sums those state, shares,
// changes, 决算 against budget, project counts, and the names, dates and wording of the text.
import type { AmountClaim, CountClaim, ExecutionClaim, GrowthClaim, ShareClaim, SumClaim } from '../model.js';
import type { Mapped } from '../text.js';
import type { Tok } from '../tokens.js';
import { readAmounts } from './amounts.js';
import { readExecutions } from './comparisons.js';
import { sections, type ClaimContext } from './context.js';
import { readCounts } from './counts.js';
import { readGrowths } from './growth.js';
import { readLists } from './lists.js';
import { readNames, type NameClaims } from './names.js';
import { readShares } from './shares.js';
import { readSums, sharedParts } from './sums.js';

export interface ProseClaims extends NameClaims {
  amounts: AmountClaim[];
  shares: ShareClaim[];
  growths: GrowthClaim[];
  sums: SumClaim[];
  counts: CountClaim[];
  executions: ExecutionClaim[];
}

export function claimContext(file: string, m: Mapped, toks: Tok[], inProject: (pos: number) => boolean): ClaimContext {
  return {
    file,
    m,
    text: m.text,
    toks,
    prose: toks.filter((t) => !inProject(t.start)),
    tokAt: new Map(toks.map((t) => [t.start, t])),
    sec: sections(m),
    inProject,
    amounts: [],
    byStart: new Map(),
  };
}

export function readClaims(ctx: ClaimContext): ProseClaims {
  readAmounts(ctx);
  const lists = readLists(ctx);
  const sums = readSums(ctx, lists);
  const shares = readShares(ctx, lists);
  // shares over all the parts of a total that no list states already
  const listed = new Set(sums.map((x) => x.total));
  sums.push(...sharedParts(shares).filter((x) => !listed.has(x.total)));
  const growths = readGrowths(ctx);
  const executions = readExecutions(ctx);
  const counts = readCounts(ctx);
  const names = readNames(ctx, executions);
  return { amounts: ctx.amounts, shares, growths, sums, counts, executions, ...names };
}
