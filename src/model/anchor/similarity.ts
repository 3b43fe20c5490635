/**
 * Best approximate occurrence of a pattern inside a window of text (Sellers' algorithm:
 * edit distance with a free start and end in the text). O(pattern × window).
 */
export function bestApproximateMatch(pattern: string, window: string): { start: number; end: number; distance: number } {
  const m = pattern.length;
  const n = window.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = { start: 0, end: 0, distance: m };
  for (let j = 1; j <= n; j++) {
    cur[0] = 0;
    curStart[0] = j;
    const wc = window.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1] + (pattern.charCodeAt(i - 1) === wc ? 0 : 1);
      const del = prev[i] + 1;
      const ins = cur[i - 1] + 1;
      if (sub <= del && sub <= ins) {
        cur[i] = sub;
        curStart[i] = i === 1 ? j - 1 : prevStart[i - 1];
      } else if (del <= ins) {
        cur[i] = del;
        curStart[i] = prevStart[i];
      } else {
        cur[i] = ins;
        curStart[i] = curStart[i - 1];
      }
    }
    if (cur[m] < best.distance) best = { start: curStart[m], end: j, distance: cur[m] };
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return best;
}
