const CONTEXT_CHARS = 400;

/** How much of the body to read on each side of a claim: a little more than the context, so the cut is the same. */
export const EXCERPT_MARGIN = CONTEXT_CHARS + 16;

/** The sentences around a claim, so a reviewer reads it in context without fetching the article. */
export function claimContext(body: string, start: number, end: number, chars = CONTEXT_CHARS) {
  const before = body.slice(Math.max(0, start - chars), start);
  const after = body.slice(end, end + chars);
  // Cut at the first sentence or paragraph boundary so the context does not open mid-sentence; it may span paragraphs.
  const b = before.search(/(?<=[.!?"]\s|\n)\S/);
  const cutBefore = start - chars > 0 && b > 0 ? before.slice(b) : before;
  const a = after.search(/[.!?](?=\s|$)(?![\s\S]*[.!?](?=\s|$))/);
  const cutAfter = end + chars < body.length && a >= 0 ? after.slice(0, a + 1) : after;
  return { before: cutBefore.trimStart(), after: cutAfter.trimEnd() };
}

/**
 * The same context as `claimContext` on the whole body, from an excerpt that begins at UTF-16 offset `excerptStart`
 * and reaches at least EXCERPT_MARGIN past the claim on each side, or to the body's start or end.
 */
export function contextFromExcerpt(excerpt: string, excerptStart: number, start: number, end: number) {
  return claimContext(excerpt, start - excerptStart, end - excerptStart);
}
