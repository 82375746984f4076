// Runs `fn` over `items` with at most `limit` at a time; every item settles (one failure never stops the others).
// Every failure goes to `onError` (the tree's loads report theirs in place first: what arrives there is unexpected).
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  onError: (item: T, error: unknown) => void,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (e) {
        onError(item, e);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}
