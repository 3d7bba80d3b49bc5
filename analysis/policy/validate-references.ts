/**
 * Checks that every Terraform interpolation in a synthesized stack refers to something the
 * stack declares, before `terraform plan` finds out. Pure TypeScript with no cdktf import.
 *
 * Terraform reads every string of a `*.tf.json` argument as a template: `${ expr }` is an
 * interpolation, `%{ if … }` a directive, and `$${` / `%%{` are the escapes for a literal `${` / `%{`.
 * Text that merely looks like an interpolation (a GitHub Actions `${{ … }}`, a shell `${VAR}`, a
 * curl `%{http_code}`) therefore breaks the plan unless it is escaped.
 */
import { walkStrings } from "./json-walk";
import type { TerraformJson } from "./terraform-json";

type Blocks = Readonly<Record<string, unknown>>;

/** The parts of a synthesized stack that references can point into (resources, data sources and providers come from TerraformJson). */
export interface TerraformDocument extends TerraformJson {
  /** Ephemeral resources (Terraform >= 1.10): opened each run, never stored in plan or state. */
  readonly ephemeral?: Readonly<Record<string, Blocks>>;
  /** Input variables by name: `var.<name>` resolves when declared here. */
  readonly variable?: Blocks;
  /** Local values by name: `local.<name>` resolves when declared here. */
  readonly locals?: Blocks;
  /** Module calls by name: `module.<name>` resolves when declared here. */
  readonly module?: Blocks;
  /** Outputs by name; a remote-state read of `outputs.<name>` resolves when the writing stack declares it. */
  readonly output?: Blocks;
  /** The `terraform` block; its backend says which state the stack writes, for cross-stack reads. */
  readonly terraform?: Blocks;
}

/** One interpolation, directive or meta-argument in a stack that does not resolve, and why. */
export interface ReferenceProblem {
  /** Where the string sits, e.g. `resource.aws_lb.alb.access_logs.bucket` (`#` enters a JSON-encoded string). */
  readonly path: string;
  /** The interpolation (`${…}`), directive (`%{…}`) or `depends_on`/`provider` value at fault. */
  readonly expression: string;
  /** Why it does not resolve, e.g. an undeclared resource, an unknown function or an unescaped literal. */
  readonly reason: string;
}

/** Terraform's built-in functions (1.x). Provider functions (`provider::ns::fn`) are accepted as well. */
export const TERRAFORM_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs",
  "abspath",
  "alltrue",
  "anytrue",
  "base64decode",
  "base64encode",
  "base64gzip",
  "base64sha256",
  "base64sha512",
  "basename",
  "bcrypt",
  "can",
  "ceil",
  "chomp",
  "chunklist",
  "cidrhost",
  "cidrnetmask",
  "cidrsubnet",
  "cidrsubnets",
  "coalesce",
  "coalescelist",
  "compact",
  "concat",
  "contains",
  "csvdecode",
  "dirname",
  "distinct",
  "element",
  "endswith",
  "ephemeralasnull",
  "file",
  "filebase64",
  "filebase64sha256",
  "filebase64sha512",
  "fileexists",
  "filemd5",
  "fileset",
  "filesha1",
  "filesha256",
  "filesha512",
  "flatten",
  "floor",
  "format",
  "formatdate",
  "formatlist",
  "indent",
  "index",
  "issensitive",
  "join",
  "jsondecode",
  "jsonencode",
  "keys",
  "length",
  "list",
  "log",
  "lookup",
  "lower",
  "map",
  "matchkeys",
  "max",
  "md5",
  "merge",
  "min",
  "nonsensitive",
  "one",
  "parseint",
  "pathexpand",
  "plantimestamp",
  "pow",
  "range",
  "regex",
  "regexall",
  "replace",
  "reverse",
  "rsadecrypt",
  "sensitive",
  "setintersection",
  "setproduct",
  "setsubtract",
  "setunion",
  "sha1",
  "sha256",
  "sha512",
  "signum",
  "slice",
  "sort",
  "split",
  "startswith",
  "strcontains",
  "strrev",
  "substr",
  "sum",
  "templatefile",
  "templatestring",
  "textdecodebase64",
  "textencodebase64",
  "timeadd",
  "timecmp",
  "timestamp",
  "title",
  "tobool",
  "tolist",
  "tomap",
  "tonumber",
  "toset",
  "tostring",
  "transpose",
  "trim",
  "trimprefix",
  "trimspace",
  "trimsuffix",
  "try",
  "type",
  "upper",
  "urlencode",
  "uuid",
  "uuidv5",
  "values",
  "yamldecode",
  "yamlencode",
  "zipmap",
]);

/** Roots that need no declaration. */
const BUILTIN_ROOTS = new Set(["each", "count", "self", "path", "terraform"]);
const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if", "else", "endif", "endfor"]);
const DIRECTIVES = new Set(["if", "else", "endif", "for", "endfor"]);

// ---- Template scanning -------------------------------------------------------------------------

interface TemplatePart {
  readonly kind: "interpolation" | "directive";
  /** The whole `${…}` or `%{…}`. */
  readonly text: string;
  /** What is between the braces. */
  readonly body: string;
  readonly unterminated: boolean;
}

/** Index just past the closing quote of the quoted template starting at `start`, or -1. */
function skipQuoted(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === "\\") i += 2;
    else if (s.startsWith("$${", i) || s.startsWith("%%{", i)) i += 3;
    else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      const close = closingBrace(s, i + 2);
      if (close === -1) return -1;
      i = close + 1;
    } else if (s[i] === '"') return i + 1;
    else i++;
  }
  return -1;
}

/** Index of the `}` closing a template sequence whose body starts at `start`, or -1. */
function closingBrace(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = skipQuoted(s, i);
      if (i === -1) return -1;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return -1;
}

/** The interpolations and directives of a template string, skipping the `$${` and `%%{` escapes. */
function templateParts(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
      i += 3;
      continue;
    }
    const kind = s.startsWith("${", i) ? "interpolation" : s.startsWith("%{", i) ? "directive" : undefined;
    if (!kind) {
      i++;
      continue;
    }
    const close = closingBrace(s, i + 2);
    if (close === -1) {
      parts.push({ kind, text: s.slice(i), body: s.slice(i + 2), unterminated: true });
      break;
    }
    parts.push({ kind, text: s.slice(i, close + 1), body: s.slice(i + 2, close), unterminated: false });
    i = close + 1;
  }
  return parts;
}

// ---- Expressions -------------------------------------------------------------------------------

/** What an expression refers to, and what is wrong with it on its face. */
interface ExpressionFacts {
  /** Each reference as its segments: `aws_vpc.main.id` → [aws_vpc, main, id]; indexes are "[]". */
  readonly traversals: string[][];
  readonly issues: string[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

function readIdent(expr: string, start: number): number {
  let j = start;
  while (j < expr.length && IDENT_CHAR.test(expr[j]!)) j++;
  return j;
}

function skipSpace(expr: string, start: number): number {
  let j = start;
  while (j < expr.length && /\s/.test(expr[j]!)) j++;
  return j;
}

/** Index of the `]` closing a bracket opened at `start`, skipping quoted strings; -1 when unbalanced. */
function closingBracket(expr: string, start: number): number {
  let depth = 0;
  for (let i = start; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"') {
      const end = skipQuoted(expr, i);
      if (end === -1) return -1;
      i = end - 1;
    } else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  return -1;
}

/** Reads `for a, b in` at `start` (just past `for`): the names it binds, and where it ends. */
function forBindings(expr: string, start: number): { names: string[]; end: number } {
  const names: string[] = [];
  let j = skipSpace(expr, start);
  while (j < expr.length && IDENT_START.test(expr[j]!)) {
    const end = readIdent(expr, j);
    const word = expr.slice(j, end);
    if (word === "in") return { names, end };
    names.push(word);
    j = skipSpace(expr, end);
    if (expr[j] === ",") j = skipSpace(expr, j + 1);
  }
  return { names, end: j };
}

/** Collects references and surface problems of an HCL expression. `bound` holds for-expression names. */
function analyzeExpression(expr: string, bound: Set<string>, facts: ExpressionFacts): void {
  const brackets: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = skipQuoted(expr, i);
      if (end === -1) {
        facts.issues.push("unterminated string literal");
        return;
      }
      for (const part of templateParts(expr.slice(i + 1, end - 1))) analyzePart(part, bound, facts);
      i = end;
    } else if (c === "#" || expr.startsWith("//", i)) {
      const newline = expr.indexOf("\n", i);
      i = newline === -1 ? expr.length : newline + 1;
    } else if (expr.startsWith("/*", i)) {
      const end = expr.indexOf("*/", i + 2);
      i = end === -1 ? expr.length : end + 2;
    } else if (/[0-9]/.test(c)) {
      while (i < expr.length && /[0-9.eE]/.test(expr[i]!)) i++;
    } else if (IDENT_START.test(c)) {
      i = analyzeIdentifier(expr, i, bound, brackets, facts);
    } else if (c === ".") {
      // An attribute of a call or a literal (`f(x).id`, `[a, b][0].arn`): not a reference of its own.
      i = IDENT_START.test(expr[i + 1] ?? "") ? readIdent(expr, i + 1) : i + 1;
    } else {
      if ("{[(".includes(c)) brackets.push(c);
      else if ("}])".includes(c)) brackets.pop();
      i++;
    }
  }
}

/** A provider-defined function `provider::<provider>::<function>(...)` starting at `start`; returns where it ends. */
function analyzeProviderFunction(expr: string, start: number, identEnd: number, facts: ExpressionFacts): number {
  let j = identEnd;
  while (expr.startsWith("::", j) && IDENT_START.test(expr[j + 2] ?? "")) j = readIdent(expr, j + 2);
  if (expr.slice(start, identEnd) !== "provider" || expr[skipSpace(expr, j)] !== "(")
    facts.issues.push(`"${expr.slice(start, j)}" is not a function call`);
  return j;
}

/**
 * Reads the attribute, index and splat steps after a root identifier into `segments` (`.name`,
 * `[]` for an index, `*` for a splat), analyzing each index expression; returns where the traversal
 * ends, or -1 after recording an unbalanced `[`.
 */
function readTraversal(
  expr: string,
  from: number,
  segments: string[],
  bound: Set<string>,
  facts: ExpressionFacts,
): number {
  let j = from;
  for (;;) {
    if (expr[j] === "." && IDENT_START.test(expr[j + 1] ?? "")) {
      const end = readIdent(expr, j + 1);
      segments.push(expr.slice(j + 1, end));
      j = end;
    } else if (expr[j] === "." && /[0-9]/.test(expr[j + 1] ?? "")) {
      j++;
      while (/[0-9]/.test(expr[j] ?? "")) j++;
      segments.push("[]");
    } else if (expr[j] === "." && expr[j + 1] === "*") {
      j += 2;
      segments.push("*");
    } else if (expr[j] === "[") {
      const close = closingBracket(expr, j);
      if (close === -1) {
        facts.issues.push("unbalanced [");
        return -1;
      }
      analyzeExpression(expr.slice(j + 1, close), bound, facts);
      segments.push("[]");
      j = close + 1;
    } else return j;
  }
}

/** Whether a lone identifier ending at `end` is an object key (`{ name = …` or `{ name: …`), not a reference. */
function isObjectKey(expr: string, end: number, segments: readonly string[], brackets: readonly string[]): boolean {
  const next = skipSpace(expr, end);
  return (
    segments.length === 1 &&
    brackets.at(-1) === "{" &&
    ((expr[next] === "=" && expr[next + 1] !== "=" && expr[next + 1] !== ">") || expr[next] === ":")
  );
}

/** Handles the identifier at `start` (function call, keyword, object key or reference); returns where it ends. */
function analyzeIdentifier(
  expr: string,
  start: number,
  bound: Set<string>,
  brackets: readonly string[],
  facts: ExpressionFacts,
): number {
  const j = readIdent(expr, start);
  const ident = expr.slice(start, j);

  if (expr.startsWith("::", j)) return analyzeProviderFunction(expr, start, j, facts);
  const after = skipSpace(expr, j);
  if (expr[after] === "(") {
    if (!TERRAFORM_FUNCTIONS.has(ident)) facts.issues.push(`${ident}() is not a Terraform function`);
    return j;
  }
  if (KEYWORDS.has(ident)) {
    if (ident !== "for") return j;
    const { names, end } = forBindings(expr, j);
    for (const name of names) bound.add(name);
    return end;
  }

  const segments = [ident];
  const end = readTraversal(expr, j, segments, bound, facts);
  if (end === -1) return expr.length;
  if (!isObjectKey(expr, end, segments, brackets)) facts.traversals.push(segments);
  return end;
}

/**
 * True for the body of `${{ … }}` that is not an HCL object: no `for`, and no `=` or `:` between
 * key and value (`==`, `!=`, `<=`, `>=` and `=>` do not count), e.g. `{ github.sha }`.
 */
function isGitHubExpression(body: string): boolean {
  const trimmed = body.trim();
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) return false;
  const inner = trimmed.slice(1, -1);
  if (/^\s*for\s/.test(inner)) return false;
  return !/(^|[^=!<>])=(?![=>])/.test(inner) && !inner.includes(":");
}

/** Checks one `${…}` or `%{…}` and collects its references. */
function analyzePart(part: TemplatePart, bound: Set<string>, facts: ExpressionFacts): void {
  if (part.unterminated) {
    facts.issues.push(
      `unterminated "${part.kind === "interpolation" ? "${" : "%{"}"; write "${part.kind === "interpolation" ? "$${" : "%%{"}" for a literal`,
    );
    return;
  }
  if (part.kind === "interpolation") {
    if (isGitHubExpression(part.body)) {
      facts.issues.push(
        'a GitHub Actions expression "${{ … }}" is read by Terraform as an interpolation; write it as "$${{ … }}"',
      );
      return;
    }
    analyzeExpression(part.body, bound, facts);
    return;
  }
  const body = part.body.replace(/^~/, "").replace(/~$/, "").trim();
  const keyword = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(body)?.[0] ?? "";
  if (!DIRECTIVES.has(keyword)) {
    facts.issues.push(
      `"%{${part.body}}" is not a template directive (if, else, endif, for, endfor); write "%%{" for a literal "%{"`,
    );
    return;
  }
  if (keyword === "if") analyzeExpression(body.slice(2), bound, facts);
  if (keyword === "for") {
    const { names, end } = forBindings(body, 3);
    for (const name of names) bound.add(name);
    analyzeExpression(body.slice(end), bound, facts);
  }
}

// ---- Resolution --------------------------------------------------------------------------------

function declares(blocks: unknown, name: string | undefined): boolean {
  return name !== undefined && typeof blocks === "object" && blocks !== null && Object.hasOwn(blocks, name);
}

/** Why a reference does not resolve in the stack, or undefined when it does. */
function unresolved(
  segments: readonly string[],
  stack: TerraformDocument,
  bound: ReadonlySet<string>,
): string | undefined {
  const [root, first, second] = segments as [string, string | undefined, string | undefined];
  if (bound.has(root) || BUILTIN_ROOTS.has(root)) return undefined;
  switch (root) {
    case "var":
      return declares(stack.variable, first)
        ? undefined
        : `var.${first ?? ""} is not declared in this stack (no variable "${first ?? ""}")`;
    case "local":
      return declares(stack.locals, first) ? undefined : `local.${first ?? ""} is not declared in this stack`;
    case "module":
      return declares(stack.module, first) ? undefined : `module.${first ?? ""} is not declared in this stack`;
    case "data":
      return declares(stack.data?.[first ?? ""], second)
        ? undefined
        : `data.${first ?? ""}.${second ?? ""} is not declared in this stack`;
    case "ephemeral":
      return declares(stack.ephemeral?.[first ?? ""], second)
        ? undefined
        : `ephemeral.${first ?? ""}.${second ?? ""} is not declared in this stack (no ephemeral block)`;
  }
  if (first === undefined) {
    const shell = /^[A-Z][A-Z0-9_]*$/.test(root) ? ` (a shell variable? write "$\${${root}}" for a literal)` : "";
    return `"${root}" is not a Terraform reference${shell}`;
  }
  return declares(stack.resource?.[root], first) ? undefined : `${root}.${first} is not declared in this stack`;
}

/** Facts about every template part of one string, in order. */
function partsOf(value: string): Array<{ part: TemplatePart; facts: ExpressionFacts; bound: Set<string> }> {
  const bound = new Set<string>();
  return templateParts(value).map((part) => {
    const facts: ExpressionFacts = { traversals: [], issues: [] };
    analyzePart(part, bound, facts);
    return { part, facts, bound };
  });
}

const DEPENDS_ON_PATH =
  /^(resource\.[^.[]+\.[^.[]+|data\.[^.[]+\.[^.[]+|module\.[^.[]+|output\.[^.[]+)\.depends_on\[\d+\]$/;
const PROVIDER_PATH = /^(resource|data)\.[^.[]+\.[^.[]+\.provider$/;

/** `provider = "aws.west"` names a provider configuration the stack declares. */
function unresolvedProvider(value: string, stack: TerraformDocument): string | undefined {
  const [type, alias] = value.split(".");
  if (!type || alias === undefined) return undefined;
  const configs = stack.provider?.[type];
  const aliases = (Array.isArray(configs) ? configs : [configs]).map((c) =>
    typeof c === "object" && c !== null ? (c as Blocks).alias : undefined,
  );
  return aliases.includes(alias)
    ? undefined
    : `provider "${type}" has no configuration with alias "${alias}" in this stack`;
}

/**
 * Every interpolation, template directive, `depends_on` entry and aliased `provider` in the stack
 * that does not resolve: a reference to an undeclared resource, data source, variable, local or
 * module; an unknown function; a directive that is not one; or text that Terraform would read as
 * an interpolation but was meant literally (GitHub `${{ … }}`, shell `${VAR}`, `%{http_code}`).
 * Strings holding JSON (policies, container definitions) are checked inside. One problem per part.
 */
export function unresolvedReferences(stack: TerraformDocument): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  walkStrings(stack, (visit) => {
    const { key, value } = visit;
    if (!value.includes("${") && !value.includes("%{")) {
      // Both paths end in their key (`….depends_on[0]`, `….provider`): test the key before building the path.
      if (key === "depends_on" && DEPENDS_ON_PATH.test(visit.path)) {
        const reason = unresolved(value.split("."), stack, new Set());
        if (reason) problems.push({ path: visit.path, expression: value, reason: `depends_on: ${reason}` });
      } else if (key === "provider" && PROVIDER_PATH.test(visit.path)) {
        const reason = unresolvedProvider(value, stack);
        if (reason) problems.push({ path: visit.path, expression: value, reason });
      }
      return;
    }
    for (const { part, facts, bound } of partsOf(value)) {
      const reason =
        facts.issues[0] ?? facts.traversals.map((t) => unresolved(t, stack, bound)).find((r) => r !== undefined);
      if (reason) problems.push({ path: visit.path, expression: part.text, reason });
    }
  });
  return problems;
}

// ---- Across stacks -----------------------------------------------------------------------------

/** A remote-state output read that no stack of the app writes or declares: a problem only visible across stacks. */
export interface CrossStackProblem extends ReferenceProblem {
  /** The stack holding the reference. */
  readonly stack: string;
}

/** Arguments that identify a state file, per backend type. */
const STATE_IDENTITY: Readonly<Record<string, readonly string[]>> = {
  s3: ["bucket", "key", "workspace_key_prefix"],
  gcs: ["bucket", "prefix"],
  azurerm: ["storage_account_name", "container_name", "key"],
  local: ["path"],
};

function stateIdentity(backend: string, config: unknown): string {
  const values = typeof config === "object" && config !== null ? (config as Blocks) : {};
  const keys = STATE_IDENTITY[backend] ?? Object.keys(values).sort();
  return `${backend}:${keys.map((key) => JSON.stringify(values[key] ?? null)).join("/")}`;
}

/** The state each stack writes, as an identity string → stack name. */
function statesWritten(stacks: Readonly<Record<string, TerraformDocument>>): Map<string, string> {
  const written = new Map<string, string>();
  for (const [name, stack] of Object.entries(stacks)) {
    const backends = stack.terraform?.backend;
    if (typeof backends !== "object" || backends === null) continue;
    for (const [type, config] of Object.entries(backends as Blocks)) written.set(stateIdentity(type, config), name);
  }
  return written;
}

/**
 * Every `data.terraform_remote_state.<x>.outputs.<name>` reference whose state no stack of the
 * app writes, or whose writing stack declares no output `<name>`: the cross-stack wiring cdktf
 * generates, checked end to end.
 */
export function unresolvedRemoteOutputs(stacks: Readonly<Record<string, TerraformDocument>>): CrossStackProblem[] {
  const written = statesWritten(stacks);
  const problems: CrossStackProblem[] = [];
  for (const stackName of Object.keys(stacks).sort()) {
    const stack = stacks[stackName]!;
    const remoteStates = stack.data?.terraform_remote_state ?? {};
    walkStrings(stack, (visit) => {
      const { value } = visit;
      if (!value.includes("${")) return;
      for (const { part, facts } of partsOf(value)) {
        for (const [root, type, name, attribute, output] of facts.traversals) {
          if (
            root !== "data" ||
            type !== "terraform_remote_state" ||
            name === undefined ||
            attribute !== "outputs" ||
            output === undefined
          )
            continue;
          const remote = remoteStates[name];
          if (typeof remote !== "object" || remote === null) continue;
          const { backend, config } = remote as Blocks;
          const producer = written.get(stateIdentity(String(backend), config));
          const reason =
            producer === undefined
              ? `no stack of the app writes the state data.terraform_remote_state.${name} reads (${stateIdentity(String(backend), config)})`
              : declares(stacks[producer]!.output, output)
                ? undefined
                : `stack ${producer} declares no output "${output}"`;
          if (reason) problems.push({ stack: stackName, path: visit.path, expression: part.text, reason });
        }
      }
    });
  }
  return problems;
}
