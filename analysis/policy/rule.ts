/**
 * The shape of one policy rule, in the style of cdk-nag: a small file holding metadata and a
 * pure check over the synthesized Terraform JSON of one stack. Pure: no cdktf import.
 *
 * The deployability family (ids SUMA-DEP-*) has its own shapes below: "AWS or GitHub will
 * refuse this, or it will never work". Unlike the security rules these are not preferences. Each
 * one encodes an API constraint that a documentation page states, so a finding means the first
 * apply (or a later one) fails or the resource silently never works. They run over every stack
 * of every environment, block synth everywhere, and can't be suppressed.
 */
import type { StackCheck } from "./engine";
import type { ResourceValues, TerraformJson } from "./terraform-json";

/** How bad a finding is: `error` fails the policy CLI by default, `warning` only with `--fail-on warning`. */
export type Severity = "error" | "warning";

/** Controls a rule evidences, per framework. Empty arrays are fine; every rule maps to at least one. */
export interface ControlMapping {
  /** PCI DSS v4.0 requirement ids, e.g. "3.5.1", "10.2.1". */
  readonly pci: readonly string[];
  /** SOC 2 Trust Services Criteria, e.g. "CC6.1", "CC7.2". */
  readonly soc2: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0.0 recommendation ids, e.g. "2.1.1". */
  readonly cis: readonly string[];
}

/** One resource a rule looks at, with the whole stack for cross-resource lookups. */
export interface RuleSubject {
  /** Terraform resource type, e.g. `aws_s3_bucket`: one of the rule's `resourceTypes`. */
  readonly type: string;
  /** The resource's name in the stack (cdktf's logical id). */
  readonly name: string;
  /** `type.name`, Terraform's address. */
  readonly address: string;
  /** The resource's synthesized arguments, as Terraform reads them. */
  readonly values: ResourceValues;
  /** The whole stack the resource is in, for checks that look at other resources. */
  readonly stack: TerraformJson;
}

/** What a check returns: nothing when compliant, else one message per problem. */
export type RuleCheck = (subject: RuleSubject) => readonly string[];

/** One security or hygiene rule: metadata plus a pure check of one resource at a time. */
export interface PolicyRule {
  /** Stable id, e.g. "SUMA-S3-001". */
  readonly id: string;
  /** What a compliant resource does, in one line; reports and the compliance docs show it. */
  readonly title: string;
  /** Severity of every finding of the rule. */
  readonly severity: Severity;
  /** Compliance controls a passing rule evidences; copied onto each finding. */
  readonly controls: ControlMapping;
  /** Terraform resource types the rule applies to. */
  readonly resourceTypes: readonly string[];
  /** Why the rule exists and how to fix a finding, shown in reports and docs. */
  readonly rationale: string;
  /** The check: called once per resource of `resourceTypes` in each stack; a throw aborts the run. */
  readonly check: RuleCheck;
}

/** A suppression: a rule that does not apply to one resource, with the reason written down. */
export interface Suppression {
  /** Id of the rule (or stack check) whose findings it suppresses; the config refuses SUMA-DEP-* ids. */
  readonly ruleId: string;
  /** Stack name, a list of stack names, or "*" for every stack. */
  readonly stack: string | readonly string[];
  /** Resource address `type.name`, or a `type.*` prefix; "*" for every resource. */
  readonly address: string;
  /** Required: why this finding is acceptable. Shown in every report. */
  readonly reason: string;
}

/** One problem a rule or check found on one resource of one stack. */
export interface Finding {
  /** Id of the rule or check that found it. */
  readonly ruleId: string;
  /** The rule's title. */
  readonly title: string;
  /** The rule's severity. */
  readonly severity: Severity;
  /** Name of the stack the resource is in. */
  readonly stack: string;
  /** Terraform address in the stack (`type.name`, `data.type.name`, `output.x`), or "*" for the stack as a whole. */
  readonly address: string;
  /** What is wrong with this resource, and usually the fix. */
  readonly message: string;
  /** The rule's compliance controls. */
  readonly controls: ControlMapping;
  /** Set when a suppression matched; the finding is then reported but does not fail. */
  readonly suppressedBecause?: string;
}

/** `SUMA-NET-001` → `NET`: the area a rule belongs to, for grouping in docs. */
export function ruleArea(id: string): string {
  return /^[A-Z]+-([A-Z0-9]+)-/.exec(id)?.[1] ?? "OTHER";
}

// ---- The deployability family ------------------------------------------------------------------

/** Where a constraint comes from: the page and the section of it that states the constraint. */
export interface ConstraintSource {
  /** Title of the page (and section), e.g. "Aurora User Guide: Password management with Secrets Manager, Limitations". */
  readonly title: string;
  /** The page's address. */
  readonly url: string;
}

/** What every deployability rule carries besides its check. */
export interface DeployabilityMetadata {
  /** The API constraint, in our words: what AWS or GitHub refuses, or what never works. */
  readonly constraint: string;
  /** The documentation that states it. */
  readonly source: ConstraintSource;
}

/** A deployability rule over one resource at a time (same engine as the security rules). */
export interface DeployabilityRule extends PolicyRule, DeployabilityMetadata {
  /** Always error: the apply fails or the resource never works. */
  readonly severity: "error";
}

/** What a whole-app check sees: every synthesized stack and the apply order cdktf recorded. */
export interface SynthesizedApp {
  /** `cdk.tf.json` of each stack, by stack name. */
  readonly stacks: Readonly<Record<string, TerraformJson>>;
  /** Each stack's dependencies from `manifest.json` (the stacks cdktf applies before it). */
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
}

/** One problem an app check found, on a stack and an address in it. */
export interface AppProblem {
  /** Name of the stack the problem is reported on. */
  readonly stack: string;
  /** `type.name`, `data.type.name`, `output.x`, or "*" for the stack as a whole. */
  readonly address: string;
  /** What AWS or GitHub will refuse, or what will never work, and usually the fix. */
  readonly message: string;
}

/**
 * A deployability check across stacks: an apply order, a record two stacks both own, a
 * reference from one region's stack into another region's state.
 */
export interface DeployabilityAppCheck extends DeployabilityMetadata, Omit<StackCheck, "checkStack"> {
  /** Always error: the apply fails or the resource never works. */
  readonly severity: "error";
  /** The check: called once with the whole app; each problem becomes an unsuppressible error finding. */
  readonly checkApp: (app: SynthesizedApp) => readonly AppProblem[];
}
