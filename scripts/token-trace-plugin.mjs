// An esbuild plugin for the app bundle. cdktf and constructs record where every token was
// created: a stack trace of unlimited depth (Error.stackTraceLimit = MAX_SAFE_INTEGER), captured
// and formatted at once. Nothing reads those traces unless a token fails to resolve, where they
// are appended to the error message; yet they cost about a fifth of a synth's CPU time. In the
// bundle, both capture functions return no frames unless SUMA_TOKEN_TRACES=1 is set, which
// brings the traces back when such an error needs them. The synthesized output is the same.
import { readFile } from "node:fs/promises";

/** Each package's copy of the capture function: where it is and the line that opens it. */
const CAPTURE_FUNCTIONS = [
  {
    file: /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/,
    opening: "function captureStackTrace(below) {",
  },
  {
    file: /[\\/]node_modules[\\/]constructs[\\/]lib[\\/]private[\\/]stack-trace\.js$/,
    opening: "function captureStackTrace(below) {",
  },
];

export const TOKEN_TRACE_SWITCH = "SUMA_TOKEN_TRACES";
const GUARD = `if (process.env.${TOKEN_TRACE_SWITCH} !== "1") return [];`;

/** @returns {import("esbuild").Plugin} */
export function tokenTracePlugin() {
  return {
    name: "suma-token-traces",
    setup(build) {
      const patched = new Set();
      for (const [index, capture] of CAPTURE_FUNCTIONS.entries()) {
        build.onLoad({ filter: capture.file }, async (args) => {
          const source = await readFile(args.path, "utf8");
          const at = source.indexOf(capture.opening);
          if (at < 0 || source.indexOf(capture.opening, at + 1) >= 0) {
            return {
              errors: [
                {
                  text: `${args.path}: expected one "${capture.opening}"; the package changed, update scripts/token-trace-plugin.mjs`,
                },
              ],
            };
          }
          patched.add(index);
          const end = at + capture.opening.length;
          return { contents: `${source.slice(0, end)} ${GUARD}${source.slice(end)}`, loader: "js" };
        });
      }
      build.onEnd((result) => {
        // Only an entry that loads cdktf has traces to drop; that entry must get both guards.
        const loadsCdktf = Object.keys(result.metafile?.inputs ?? {}).some((input) =>
          /node_modules[\\/]cdktf[\\/]/.test(input),
        );
        if (loadsCdktf && patched.size !== CAPTURE_FUNCTIONS.length) {
          result.errors.push({
            text: "the token-trace guard did not find both capture functions (cdktf, constructs); update scripts/token-trace-plugin.mjs",
          });
        }
      });
    },
  };
}
