/**
 * Maps character offsets of a text to 1-based line and column numbers.
 * A line ends at LF, CRLF or a bare CR, so positions are right whatever the file's line endings.
 */
export class LineIndex {
  private readonly starts: ArrayLike<number> & { length: number };

  constructor(text: string) {
    const starts = [0];
    this.starts = starts;
    if (text.indexOf('\r') < 0) {
      // LF only (the usual case): a native scan from line to line.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }

  /** Offsets where lines start (the first is 0), e.g. to rebuild the index in another thread. */
  lineStarts(): Int32Array {
    return Int32Array.from(this.starts);
  }

  /** An index from `lineStarts()`, without scanning the text again. */
  static fromStarts(starts: Int32Array): LineIndex {
    const index = Object.create(LineIndex.prototype) as LineIndex;
    (index as unknown as { starts: Int32Array }).starts = starts;
    return index;
  }

  /** 1-based line and column of a character offset. */
  locate(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
