import type { DeployabilityRule } from "../../../rule";
import {
  blocksOf,
  githubAppIdOf,
  githubProviderOf,
  repositoryResource,
  rulesOf,
  show,
  stringsOf,
} from "../../../rule-helpers";
import { isTrue, nestedBlock, resourcesOfType } from "../../../terraform-json";

/** Rules that refuse a direct commit (what the Contents API makes) to a branch they target. */
const DIRECT_COMMIT_BLOCKERS = [
  "pull_request",
  "required_status_checks",
  "required_deployments",
  "update",
  "merge_queue",
] as const;

/** Whether a ruleset's ref pattern (GitHub's fnmatch syntax) covers `refs/heads/<branch>`. */
function refMatches(pattern: string, branch: string, defaultBranch: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return branch === defaultBranch;
  const escaped = pattern
    .split("**")
    .map((part) =>
      part
        .replace(/[.+^${}()|\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "."),
    )
    .join(".*");
  return new RegExp(`^${escaped}$`).test(`refs/heads/${branch}`);
}

export const RulesetAdmitsAutomationCommits: DeployabilityRule = {
  id: "SUMA-DEP-102",
  title: "A ruleset on a branch Terraform commits to lets the automation's GitHub App bypass it",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_ruleset"],
  constraint:
    "An active branch ruleset with a pull-request, required-status-check, required-deployment, update or merge-queue rule refuses " +
    'direct commits to the branches it targets from everyone except its bypass actors with bypass mode "always"; a Contents API ' +
    "commit is a direct commit.",
  source: {
    title: "GitHub Docs: Available rules for rulesets, Require a pull request before merging (and bypass permissions)",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging",
  },
  rationale:
    "Terraform commits CODEOWNERS and the workflows straight to the default branch. With the ruleset active and no bypass for the " +
    "identity Terraform uses, the first apply races the ruleset and every later change to those files is refused. Fix: authenticate " +
    "the GitHub provider as the automation's GitHub App (app_auth) and list exactly that App as an Integration bypass actor with " +
    'bypass_mode "always" (DefaultBranchRuleset bypassApp); order the files after the ruleset.',
  check: ({ values, stack }) => {
    if (values.enforcement !== "active" || (values.target !== undefined && values.target !== "branch")) return [];
    const rules = rulesOf(values);
    const blockers = DIRECT_COMMIT_BLOCKERS.filter(
      (rule) => rules[rule] !== undefined && rules[rule] !== false && rules[rule] !== null,
    );
    if (blockers.length === 0) return [];
    const repo = repositoryResource(stack, values.repository);
    const defaultBranch = typeof repo?.[1].default_branch === "string" ? repo[1].default_branch : "main";
    const refName = nestedBlock(nestedBlock(values.conditions)?.ref_name);
    const include = stringsOf(refName?.include);
    const exclude = stringsOf(refName?.exclude);
    const covered = (branch: string) =>
      include.some((p) => refMatches(p, branch, defaultBranch)) &&
      !exclude.some((p) => refMatches(p, branch, defaultBranch));
    const files = resourcesOfType(stack, "github_repository_file").filter(
      ([, file]) =>
        file.repository === values.repository &&
        !isTrue(file.autocreate_branch) &&
        covered(typeof file.branch === "string" ? file.branch : defaultBranch),
    );
    const problems: string[] = [];
    for (const [fileName, file] of files) {
      const appId = githubAppIdOf(githubProviderOf(stack, file.provider));
      const where = `${blockers.join(", ")} refuse(s) direct commits, and github_repository_file.${fileName} (${show(file.file)}) commits to a branch this ruleset targets`;
      if (appId === undefined) {
        problems.push(
          `${where} as a token, not as a GitHub App, so no bypass can admit it; authenticate the provider as the automation's App (app_auth) and list that App as the bypass actor`,
        );
        continue;
      }
      const admitted = blocksOf(values.bypass_actors).some(
        (b) =>
          b.actor_type === "Integration" &&
          String(b.actor_id) === appId &&
          (b.bypass_mode === "always" || b.bypass_mode === "exempt"),
      );
      if (!admitted)
        problems.push(
          `${where} as GitHub App ${appId}, which bypass_actors does not list with bypass_mode "always"; add { actor_type = "Integration", actor_id = ${appId}, bypass_mode = "always" }`,
        );
    }
    return problems;
  },
};
