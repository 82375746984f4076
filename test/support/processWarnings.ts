// Process warnings are how the plain-Node layers report a broken listener when nobody gave them a place to report
// it. A test that provokes one expects it: this takes the warnings of one name emitted while `fn` runs, so that the
// test asserts them and they are not printed among the results. Warnings of any other name go on as usual.
type EmitWarning = (warning: string | Error, options?: string | { type?: string; code?: string }) => void;

/** The Error Node's own process.emitWarning would have built and printed. */
function asWarning(warning: string | Error, options?: string | { type?: string; code?: string }): Error {
  if (warning instanceof Error) return warning;
  const error = new Error(warning);
  error.name = (typeof options === 'string' ? options : options?.type) ?? 'Warning';
  const code = typeof options === 'object' ? options.code : undefined;
  if (code !== undefined) Object.assign(error, { code });
  return error;
}

export async function warningsDuring(name: string, fn: () => Promise<void>): Promise<Error[]> {
  const seen: Error[] = [];
  const original = process.emitWarning;
  const emitWarning: EmitWarning = (warning, options) => {
    const w = asWarning(warning, options);
    if (w.name === name) seen.push(w);
    else (original as EmitWarning).call(process, warning, options);
  };
  // A stand-in for one function of Node's own, because only it keeps the expected warning off the output.
  process.emitWarning = emitWarning as typeof process.emitWarning;
  try {
    await fn();
    // A listener may still be called on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.emitWarning = original;
  }
  return seen;
}
