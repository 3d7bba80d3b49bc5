import type { PolicyRule } from "../rule";
import { blockList, show } from "./data-observability-support";
import { RULESET_TYPES, targetsDefaultBranch } from "./github-default-branch";

/** The default-branch ruleset is enforced and binds everyone, admins included. */
export const githubRulesetNoBypass: PolicyRule = {
  id: "SUMA-GH-001",
  title: "Default-branch ruleset is active and has no bypass actors",
  severity: "error",
  controls: { pci: ["6.5.1", "6.5.4"], soc2: ["CC8.1"], cis: [] },
  resourceTypes: [...RULESET_TYPES],
  rationale:
    "Every rule on the default branch (reviews, checks, no force-push) is only as strong as its exceptions: a bypass actor " +
    "(an admin role, a team, an app or a deploy key) can push unreviewed code that the pipeline then ships to production. An " +
    'enforcement of "evaluate" or "disabled" enforces nothing. Fix: set enforcement: "active" and remove bypassActors; handle ' +
    "emergencies with a reviewed pull request.",
  check: ({ values }) => {
    if (!targetsDefaultBranch(values)) return [];
    const problems: string[] = [];
    if (values.enforcement !== "active") problems.push(`enforcement is ${show(values.enforcement)}, so the rules are not enforced; set enforcement: "active"`);
    const bypass = blockList(values.bypass_actors);
    if (bypass.length > 0) {
      const who = bypass.map((b) => `${String(b.actor_type ?? "actor")} ${String(b.actor_id ?? "?")}`).join(", ");
      problems.push(`bypass_actors lists ${who}, who can skip review and checks; remove bypassActors`);
    }
    return problems;
  },
};
