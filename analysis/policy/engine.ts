/**
 * Runs policy rules over synthesized stacks and applies suppressions. Pure TypeScript with no
 * cdktf import: the input is the JSON `cdktf synth` wrote, keyed by stack name.
 */
import type { ControlMapping, Finding, PolicyRule, Severity, Suppression } from "./rule";
import { resourcesOfType, type TerraformJson } from "./terraform-json";

/** What a rule or check says about itself, as reports and docs show it. */
export interface RuleDescriptor {
  /** Stable id, e.g. "SUMA-S3-001"; unique across the rules and checks of one run. */
  readonly id: string;
  /** What compliance looks like, in one line. */
  readonly title: string;
  /** Severity of every finding. */
  readonly severity: Severity;
  /** Compliance controls the rule evidences. */
  readonly controls: ControlMapping;
  /** Why the rule exists and how to fix a finding. */
  readonly rationale: string;
  /** Terraform resource types it looks at; none (or empty) means the stack as a whole, as the docs say. */
  readonly resourceTypes?: readonly string[];
}

/**
 * A check over a whole stack rather than one resource (e.g. "every interpolation resolves").
 * Its problems become findings like a rule's, and the same suppressions apply.
 */
export interface StackCheck extends RuleDescriptor {
  /** One entry per problem: the address it concerns (`type.name`, `data.type.name`, `output.x`) and what is wrong. */
  readonly checkStack: (
    stack: TerraformJson,
    stackName: string,
  ) => ReadonlyArray<{
    /** Address the problem concerns. */
    readonly address: string;
    /** What is wrong. */
    readonly message: string;
  }>;
}

/** How many findings a report has, by outcome. */
export interface PolicyCounts {
  /** Unsuppressed findings by severity. */
  readonly error: number;
  /** Unsuppressed warning findings. */
  readonly warning: number;
  /** Findings a suppression matched. */
  readonly suppressed: number;
}

/** The result of {@link runPolicy}: what was evaluated and everything found. */
export interface PolicyReport {
  /** Stack names evaluated, sorted. */
  readonly stacks: readonly string[];
  /** Ids of the rules and stack checks evaluated, in the order given. */
  readonly ruleIds: readonly string[];
  /** Every finding, suppressed ones included (with `suppressedBecause`), sorted by stack, address, rule. */
  readonly findings: readonly Finding[];
  /** Finding counts; `error` and `warning` leave the suppressed ones out. */
  readonly counts: PolicyCounts;
  /** Suppressions that matched no finding: stale, or mistyped. */
  readonly unusedSuppressions: readonly Suppression[];
}

/** Options of {@link runPolicy} besides the stacks, rules and suppressions. */
export interface RunPolicyOptions {
  /** Whole-stack checks run after the rules. @default none */
  readonly stackChecks?: readonly StackCheck[];
}

/** Invalid rules or suppressions: the run cannot be trusted, so it does not start. */
export class PolicyInputError extends Error {
  constructor(
    /** Every problem found in the rules or suppressions, one line each. */
    readonly problems: readonly string[],
  ) {
    super(`Invalid policy input:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "PolicyInputError";
  }
}

const ADDRESS_PATTERN = /^(\*|[A-Za-z0-9_-]+(\.[A-Za-z0-9_*-]+)*)$/;

/** `SUMA-S3-001 suma-auth-prod/aws_s3_bucket.logs`: how messages name a suppression. */
export function describeSuppression(s: Suppression): string {
  const stack = Array.isArray(s.stack) ? `{${s.stack.join(",")}}` : String(s.stack);
  return `${String(s.ruleId)} ${stack}/${String(s.address)}`;
}

/**
 * Throws a {@link PolicyInputError} naming every suppression without a non-empty reason,
 * a rule id, a stack (or "*") or a well-formed address (`type.name`, `type.*`, `type.prefix*` or `*`).
 */
export function validateSuppressions(suppressions: readonly Suppression[]): void {
  const problems: string[] = [];
  suppressions.forEach((s, index) => {
    const name = `suppression #${index} (${describeSuppression(s)})`;
    if (typeof s.reason !== "string" || s.reason.trim() === "") problems.push(`${name}: a reason is required`);
    if (typeof s.ruleId !== "string" || s.ruleId.trim() === "") problems.push(`${name}: ruleId is required`);
    const stacks: readonly unknown[] = Array.isArray(s.stack) ? s.stack : [s.stack];
    if (stacks.length === 0 || stacks.some((stack) => typeof stack !== "string" || stack.trim() === "")) {
      problems.push(`${name}: stack is required (a stack name, a list of them, or "*")`);
    }
    if (typeof s.address !== "string" || !ADDRESS_PATTERN.test(s.address))
      problems.push(`${name}: address must be "type.name", "type.*" or "*"`);
  });
  if (problems.length > 0) throw new PolicyInputError(problems);
}

/** True when the suppression covers the finding: same rule, stack exact, listed or "*", address exact, `type.*`, `type.prefix*` or "*". */
export function suppressionMatches(
  suppression: Suppression,
  finding: Pick<Finding, "ruleId" | "stack" | "address">,
): boolean {
  if (suppression.ruleId !== finding.ruleId) return false;
  const stacks: readonly string[] = typeof suppression.stack === "string" ? [suppression.stack] : suppression.stack;
  if (!stacks.includes("*") && !stacks.includes(finding.stack)) return false;
  const address = suppression.address;
  if (address === "*" || address === finding.address) return true;
  // `type.*` and `type.name-prefix*`: cdktf appends a hash to logical names, so a prefix names a construct.
  return address.endsWith("*") && finding.address.startsWith(address.slice(0, -1));
}

function compareFindings(a: Finding, b: Finding): number {
  const keys: Array<keyof Finding> = ["stack", "address", "ruleId", "message"];
  for (const key of keys) {
    const x = String(a[key]);
    const y = String(b[key]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function checkRuleIds(rules: readonly RuleDescriptor[]): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const rule of rules) {
    if (seen.has(rule.id)) problems.push(`rule id ${rule.id} is used by more than one rule`);
    seen.add(rule.id);
  }
  if (problems.length > 0) throw new PolicyInputError(problems);
}

function finding(rule: RuleDescriptor, stack: string, address: string, message: string): Finding {
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    stack,
    address,
    message,
    controls: rule.controls,
  };
}

/** Every finding of the rules (and stack checks) on one stack, before suppressions. */
function evaluateStack(
  stackName: string,
  stack: TerraformJson,
  rules: readonly PolicyRule[],
  stackChecks: readonly StackCheck[],
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const type of rule.resourceTypes) {
      for (const [name, values] of resourcesOfType(stack, type)) {
        const address = `${type}.${name}`;
        let messages: readonly string[];
        try {
          messages = rule.check({ type, name, address, values, stack });
        } catch (error) {
          throw new Error(
            `${rule.id} failed on ${stackName}/${address}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        for (const message of messages) findings.push(finding(rule, stackName, address, message));
      }
    }
  }
  for (const check of stackChecks) {
    for (const problem of check.checkStack(stack, stackName))
      findings.push(finding(check, stackName, problem.address, problem.message));
  }
  return findings;
}

/**
 * Runs every rule on every resource of its types in every stack, then applies the suppressions.
 * Suppressed findings stay in the report with `suppressedBecause`; counts cover unsuppressed
 * ones. Throws a {@link PolicyInputError} for a suppression without a reason or duplicate rule ids.
 */
export function runPolicy(
  stacks: Readonly<Record<string, TerraformJson>>,
  rules: readonly PolicyRule[],
  suppressions: readonly Suppression[],
  options: RunPolicyOptions = {},
): PolicyReport {
  const stackChecks = options.stackChecks ?? [];
  validateSuppressions(suppressions);
  checkRuleIds([...rules, ...stackChecks]);

  const stackNames = Object.keys(stacks).sort();
  const used = new Set<number>();
  const findings = stackNames
    .flatMap((stackName) => evaluateStack(stackName, stacks[stackName]!, rules, stackChecks))
    .map((f): Finding => {
      let reason: string | undefined;
      suppressions.forEach((s, index) => {
        if (!suppressionMatches(s, f)) return;
        used.add(index);
        reason ??= s.reason;
      });
      return reason === undefined ? f : { ...f, suppressedBecause: reason };
    })
    .sort(compareFindings);

  const open = findings.filter((f) => f.suppressedBecause === undefined);
  return {
    stacks: stackNames,
    ruleIds: [...rules, ...stackChecks].map((r) => r.id),
    findings,
    counts: {
      error: open.filter((f) => f.severity === "error").length,
      warning: open.filter((f) => f.severity === "warning").length,
      suppressed: findings.length - open.length,
    },
    unusedSuppressions: suppressions.filter((_s, index) => !used.has(index)),
  };
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { warning: 1, error: 2 };

/** Unsuppressed findings at or above a severity: what fails a build with `--fail-on`. */
export function blockingFindings(report: PolicyReport, threshold: Severity): Finding[] {
  return report.findings.filter(
    (f) => f.suppressedBecause === undefined && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold],
  );
}
