/** The dataset code that the engine hook hands over (see engine-hook.ts). */
import { planSetComputed } from '../edit/set-computed.ts';
import { ComputedChecker, checkComputed, checkRule, contextOf, ruleProblem } from './computed-checks.ts';
import type { DatasetEngine } from './engine-hook.ts';
import { anchorRow } from './row-citation.ts';

export const engine: DatasetEngine = {
  anchorRow, checkComputed, contextOf, checkRule, ruleProblem, planSetComputed,
  newChecker: (rules, ctx) => new ComputedChecker(rules, ctx),
};
