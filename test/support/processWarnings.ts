// Process warnings are how the plain-Node layers report a broken listener when nobody gave them a place to report
// it: this collects the ones of one name emitted while `fn` runs (they are emitted on the next tick).
export async function warningsDuring(name: string, fn: () => Promise<void>): Promise<Error[]> {
  const seen: Error[] = [];
  const onWarning = (w: Error): void => void seen.push(w);
  process.on('warning', onWarning);
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return seen.filter((w) => w.name === name);
}
