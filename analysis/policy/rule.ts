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
  readonly type: string;
  readonly name: string;
  /** `type.name`, Terraform's address. */
  readonly address: string;
  readonly values: ResourceValues;
  readonly stack: TerraformJson;
}

/** What a check returns: nothing when compliant, else one message per problem. */
export type RuleCheck = (subject: RuleSubject) => readonly string[];

export interface PolicyRule {
  /** Stable id, e.g. "SUMA-S3-001". */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly controls: ControlMapping;
  /** Terraform resource types the rule applies to. */
  readonly resourceTypes: readonly string[];
  /** Why the rule exists and how to fix a finding, shown in reports and docs. */
  readonly rationale: string;
  readonly check: RuleCheck;
}

/** A suppression: a rule that does not apply to one resource, with the reason written down. */
export interface Suppression {
  readonly ruleId: string;
  /** Stack name, a list of stack names, or "*" for every stack. */
  readonly stack: string | readonly string[];
  /** Resource address `type.name`, or a `type.*` prefix; "*" for every resource. */
  readonly address: string;
  /** Required: why this finding is acceptable. Shown in every report. */
  readonly reason: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
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
  readonly stack: string;
  /** `type.name`, `data.type.name`, `output.x`, or "*" for the stack as a whole. */
  readonly address: string;
  readonly message: string;
}

/**
 * A deployability check across stacks: an apply order, a record two stacks both own, a
 * reference from one region's stack into another region's state.
 */
export interface DeployabilityAppCheck extends DeployabilityMetadata, Omit<StackCheck, "checkStack"> {
  readonly severity: "error";
  readonly checkApp: (app: SynthesizedApp) => readonly AppProblem[];
}
