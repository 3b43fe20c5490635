/** `file:line:column: message` and the order of problems: shared with `<policy-problems>`. */
export { formatProblem, sortProblems } from '../components/policy-problems/policy-problems.component.ts';
