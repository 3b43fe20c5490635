/**
 * Word-by-word differences between two passages (an old quote and the passage that replaced
 * it in a new version of the source), for showing them side by side with what changed marked.
 */

export interface DiffPart {
  /** `same`: in both; `removed`: only in the old text; `added`: only in the new one. */
  readonly op: 'same' | 'removed' | 'added';
  /** The words, joined by single spaces. */
  readonly text: string;
}

/** Passages longer than this many words are not compared word by word (the table would be too large). */
export const MAX_DIFF_WORDS = 1500;

/**
 * The differences between `a` and `b` as runs of words (longest common subsequence of their
 * words, white space aside); undefined when either has more than MAX_DIFF_WORDS words.
 */
export function wordDiff(a: string, b: string): DiffPart[] | undefined {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  if (x.length > MAX_DIFF_WORDS || y.length > MAX_DIFF_WORDS) return undefined;
  const n = x.length;
  const m = y.length;
  // lcs[i][j]: length of the longest common subsequence of x[i…] and y[j…] (one row-major array).
  const lcs = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const parts: { op: DiffPart['op']; words: string[] }[] = [];
  const push = (op: DiffPart['op'], word: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.words.push(word);
    else parts.push({ op, words: [word] });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      push('same', x[i]);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
      push('removed', x[i++]);
    } else {
      push('added', y[j++]);
    }
  }
  return parts.map((p) => ({ op: p.op, text: p.words.join(' ') }));
}
