/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // One row of the matrix is enough: previous[j] is the distance between a[0..i) and b[0..j).
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Longest text that is echoed into a message; what a user typed can be megabytes long. */
export const ECHO_LIMIT = 100;

/** `text` as it may be quoted in a message: at most ECHO_LIMIT characters, cut ones marked with `…`. */
export function shorten(text: string, limit = ECHO_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/**
 * The candidate nearest to `word` (case-insensitive), or null when none is near enough to be a
 * plausible typo: at most max(2, a third of the word's length) edits. Ties go to the earlier candidate.
 * The distance is quadratic in the lengths, so a word longer than ECHO_LIMIT (no typo of a code) and
 * candidates whose length alone puts them out of reach are not compared at all.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  if (word.length > 2 * ECHO_LIMIT) return null;
  const needle = word.trim().toLowerCase();
  if (needle === '' || needle.length > ECHO_LIMIT) return null;
  const limit = Math.max(2, Math.floor(needle.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // the distance is at least the difference in length
    if (Math.abs(candidate.length - needle.length) > Math.min(limit, bestDistance)) continue;
    const distance = levenshtein(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : null;
}
