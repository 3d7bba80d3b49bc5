/**
 * The deployability rule family: "AWS or GitHub will refuse this, or it will never work".
 *
 * Unlike the security rules these are not preferences. Each one encodes an API constraint that a
 * documentation page states, so a finding means the first apply (or a later one) fails or the
 * resource silently never works. They run over every stack of every environment, block synth
 * everywhere, and can't be suppressed. Pure: no cdktf import.
 */
import type { StackCheck } from "../../engine";
import type { PolicyRule } from "../../rule";
import type { TerraformJson } from "../../terraform-json";

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
