import type { PolicyRule } from "../../rule";
import {
  blocksOf,
  githubAppIdOf,
  githubProviderOf,
  RULESET_TYPES,
  show,
  targetsDefaultBranch,
} from "../../rule-helpers";

/** The "GitHub Actions" app: as a bypass actor it would let any workflow push. */
const GITHUB_ACTIONS_APP_ID = "15368";

/**
 * The default-branch ruleset is enforced and binds everyone, admins included. The one accepted
 * bypass actor is the GitHub App the stack's provider authenticates as (Terraform's own
 * commits of CODEOWNERS and workflows), with no other actor beside it.
 */
export const GitHubRulesetNoBypass: PolicyRule = {
  id: "SUMA-GH-001",
  title: "Default-branch ruleset is active and only the automation's own GitHub App bypasses it",
  severity: "error",
  controls: { pci: ["6.5.1", "6.5.4"], soc2: ["CC8.1"], cis: [] },
  resourceTypes: [...RULESET_TYPES],
  rationale:
    "Every rule on the default branch (reviews, checks, no force-push) is only as strong as its exceptions: a bypass actor " +
    "(an admin role, a team, an app or a deploy key) can push unreviewed code that the pipeline then ships to production. An " +
    'enforcement of "evaluate" or "disabled" enforces nothing. The single exception accepted is the GitHub App the stack\'s ' +
    "provider authenticates as (app_auth), as an Integration: Terraform commits CODEOWNERS and workflows with it, and nobody " +
    'else holds its key. Fix: set enforcement: "active"; list no bypass actor but that App (DefaultBranchRuleset bypassApp); ' +
    "handle emergencies with a reviewed pull request.",
  check: ({ values, stack }) => {
    if (!targetsDefaultBranch(values)) return [];
    const problems: string[] = [];
    if (values.enforcement !== "active")
      problems.push(
        `enforcement is ${show(values.enforcement)}, so the rules are not enforced; set enforcement: "active"`,
      );
    const automationApp = githubAppIdOf(githubProviderOf(stack, values.provider));
    const isAutomation = (b: Readonly<Record<string, unknown>>) =>
      b.actor_type === "Integration" &&
      automationApp !== undefined &&
      automationApp !== GITHUB_ACTIONS_APP_ID &&
      String(b.actor_id) === automationApp;
    const bypass = blocksOf(values.bypass_actors).filter((b) => !isAutomation(b));
    if (bypass.length > 0) {
      const who = bypass.map((b) => `${String(b.actor_type ?? "actor")} ${String(b.actor_id ?? "?")}`).join(", ");
      problems.push(
        `bypass_actors lists ${who}, who can skip review and checks; remove them (only the GitHub App the provider authenticates as may bypass)`,
      );
    }
    return problems;
  },
};
