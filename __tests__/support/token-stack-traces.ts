/*
 * cdktf records a complete stack trace for every token it creates (Lazy, intrinsics), for the error
 * it raises if the token never resolves: it raises Error.stackTraceLimit to MAX_SAFE_INTEGER, captures
 * into a plain object and reads `.stack` at once. Under jest every frame of those traces is mapped
 * through the source maps of the files involved, which cost about a tenth of a synth-heavy test
 * file's time. This setup file (jest.config.js, setupFilesAfterEnv) formats exactly those captures
 * without source maps; errors, and anything captured at the normal limit, keep jest's mapped traces.
 */
const capture = Error.captureStackTrace;
const unmapped = (_error: unknown, frames: readonly NodeJS.CallSite[]): string =>
  ["Error", ...frames.map((frame) => `    at ${String(frame)}`)].join("\n");

Error.captureStackTrace = function captureStackTrace(
  target: object,
  constructorOpt?: (...args: never[]) => unknown,
): void {
  if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER || target instanceof Error) {
    capture.call(Error, target, constructorOpt);
    return;
  }
  const mapped = Error.prepareStackTrace;
  Error.prepareStackTrace = unmapped;
  try {
    capture.call(Error, target, constructorOpt);
    // Formatted now, while the plain formatter is in place (V8 formats on first read).
    void (target as { stack?: unknown }).stack;
  } finally {
    Error.prepareStackTrace = mapped;
  }
};
