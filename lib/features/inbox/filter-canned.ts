// The canned-reply picker's matching: titles starting with the query first, then titles containing it, then bodies
// containing it; alphabetical within each group. Pure.

export type CannedReplyOption = { id: string; title: string; body: string };

export function filterCannedReplies<T extends CannedReplyOption>(replies: T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  const byTitle = (a: T, b: T) => a.title.localeCompare(b.title);
  if (!q) return [...replies].sort(byTitle);
  const rank = (r: T) => {
    const title = r.title.toLowerCase();
    if (title.startsWith(q)) return 0;
    if (title.includes(q)) return 1;
    if (r.body.toLowerCase().includes(q)) return 2;
    return 3;
  };
  return replies
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank < 3)
    .sort((a, b) => a.rank - b.rank || byTitle(a.r, b.r))
    .map((x) => x.r);
}
