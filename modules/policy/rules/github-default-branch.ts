/** Readers shared by the GitHub rules: which rulesets protect a repository's default branch. */
import { nestedBlock, type ResourceValues } from "../terraform-json";
import { stringList } from "./data-observability-support";

/** Ruleset resource types whose `rules` the default-branch rules read. */
export const RULESET_TYPES = ["github_repository_ruleset", "github_organization_ruleset"] as const;

/** Ref patterns that cover the default branch: GitHub's `~DEFAULT_BRANCH` and `~ALL`, or the usual default names. */
const DEFAULT_BRANCH_REFS = new Set(["~DEFAULT_BRANCH", "~ALL", "refs/heads/main", "refs/heads/master"]);

/** Whether a ruleset targets branches and includes (and does not exclude) the default branch. */
export function targetsDefaultBranch(values: ResourceValues): boolean {
  if (values.target !== undefined && values.target !== "branch") return false;
  const refName = nestedBlock(nestedBlock(values.conditions)?.ref_name);
  const include = stringList(refName?.include);
  const exclude = stringList(refName?.exclude);
  return include.some((ref) => DEFAULT_BRANCH_REFS.has(ref)) && !exclude.includes("~DEFAULT_BRANCH");
}

/** The ruleset's `rules` block. */
export function rulesOf(values: ResourceValues): Readonly<Record<string, unknown>> {
  return nestedBlock(values.rules) ?? {};
}
