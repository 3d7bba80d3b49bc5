/**
 * The shape of one policy rule, in the style of cdk-nag: a small file holding metadata and a
 * pure check over the synthesized Terraform JSON of one stack. Pure: no cdktf import.
 */
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
