/**
 * Deployability rules: GitHub (SUMA-DEP-101 to SUMA-DEP-149). What GitHub or the integrations/github
 * provider refuses, or what never takes effect: files committed to a branch that does not exist or
 * that a ruleset closes to Terraform, and features the organization's plan does not include.
 *
 * The plan comes from the stack output `github_organization` ({ plan, secret_protection }), which
 * the GitHubOrganization construct writes; without it the plan rules have nothing to check.
 */
import type { ResourceValues, TerraformJson } from "../../terraform-json";
import { asNumber, isTrue, nestedBlock, resourcesOfType } from "../../terraform-json";
import { blocksOf, githubAppIdOf, githubProviderOf, referencedResource, rulesOf, show, stringsOf } from "../../rule-helpers";
import type { DeployabilityRule } from "./rule";

const controls = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

/** The pages the constraints come from. */
const SOURCES = {
  repositoryFile: {
    title: "Terraform Registry, integrations/github: github_repository_file, Argument Reference (branch must already exist)",
    url: "https://registry.terraform.io/providers/integrations/github/latest/docs/resources/repository_file",
  },
  pullRequestRule: {
    title: "GitHub Docs: Available rules for rulesets, Require a pull request before merging (and bypass permissions)",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging",
  },
  environments: {
    title: "GitHub Docs: Managing environments for deployment (availability of environments and deployment protection rules by plan)",
    url: "https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments",
  },
  secretScanning: {
    title: "GitHub Docs: About secret scanning (availability: private repositories need GitHub Secret Protection)",
    url: "https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning",
  },
  rulesets: {
    title: "GitHub Docs: About rulesets (availability: private repositories need GitHub Pro, Team or Enterprise)",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets",
  },
  visibility: {
    title: "GitHub Docs: About repositories, About repository visibility (internal repositories)",
    url: "https://docs.github.com/en/repositories/creating-and-managing-repositories/about-repositories#about-repository-visibility",
  },
} as const;

/** What the stack says the organization has, from the `github_organization` output. */
function productsOf(stack: TerraformJson): { plan: string; secretProtection: boolean } | undefined {
  const value = (stack as { output?: Record<string, { value?: unknown }> }).output?.github_organization?.value as { plan?: unknown; secret_protection?: unknown } | undefined;
  if (typeof value?.plan !== "string") return undefined;
  return { plan: value.plan, secretProtection: isTrue(value.secret_protection) };
}

/** Whether the stack adopts `type.name` through an `import` block. */
function isImported(stack: TerraformJson, type: string, name: string): boolean {
  const imports = (stack as { import?: unknown }).import;
  return blocksOf(imports).some((i) => i.to === `${type}.${name}`);
}

/** The repository created in this stack that `repository` (a name or a reference) points at. */
function repositoryOf(stack: TerraformJson, repository: unknown): [string, ResourceValues] | undefined {
  return referencedResource(stack, "github_repository", repository, ["name", "id", "full_name"], ["name"]);
}

/** A repository's visibility as GitHub will see it (the provider's default is public). */
function visibilityOf(repo: ResourceValues): string {
  if (typeof repo.visibility === "string") return repo.visibility;
  return isTrue(repo.private) ? "private" : "public";
}

/** Rules that refuse a direct commit (what the Contents API makes) to a branch they target. */
const DIRECT_COMMIT_BLOCKERS = ["pull_request", "required_status_checks", "required_deployments", "update", "merge_queue"] as const;

/** Whether a ruleset's ref pattern (GitHub's fnmatch syntax) covers `refs/heads/<branch>`. */
function refMatches(pattern: string, branch: string, defaultBranch: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return branch === defaultBranch;
  const escaped = pattern
    .split("**")
    .map((part) => part.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "."))
    .join(".*");
  return new RegExp(`^${escaped}$`).test(`refs/heads/${branch}`);
}

const fileOnBranchThatExists: DeployabilityRule = {
  id: "SUMA-DEP-101",
  title: "A repository file is committed to a branch that exists",
  severity: "error",
  controls,
  resourceTypes: ["github_repository_file"],
  constraint:
    "github_repository_file commits through the Contents API to an existing branch and fails when the branch is missing (unless autocreate_branch is set). " +
    "A repository created without auto_init or a template has no commit and so no branch at all.",
  source: SOURCES.repositoryFile,
  rationale:
    "On the first apply the repository is created empty and every file Terraform manages in it fails with a missing branch, so " +
    "CODEOWNERS and the workflows never arrive. Fix: create the repository with auto_init = true (GovernedRepository does), or, " +
    "when it already exists, adopt it with an import block (GovernedRepository adoptExisting / config github.adoptExistingRepository).",
  check: ({ values, stack }) => {
    if (isTrue(values.autocreate_branch)) return [];
    const repo = repositoryOf(stack, values.repository);
    if (!repo) return [];
    const [name, repoValues] = repo;
    if (isTrue(repoValues.auto_init) || nestedBlock(repoValues.template) !== undefined || isImported(stack, "github_repository", name)) return [];
    return [
      `commits ${show(values.file)} to github_repository.${name}, which is created without auto_init or a template and is not imported, ` +
        "so it has no branch and the provider refuses the file; set auto_init = true, or import the existing repository",
    ];
  },
};

const rulesetAdmitsAutomationCommits: DeployabilityRule = {
  id: "SUMA-DEP-102",
  title: "A ruleset on a branch Terraform commits to lets the automation's GitHub App bypass it",
  severity: "error",
  controls,
  resourceTypes: ["github_repository_ruleset"],
  constraint:
    "An active branch ruleset with a pull-request, required-status-check, required-deployment, update or merge-queue rule refuses " +
    'direct commits to the branches it targets from everyone except its bypass actors with bypass mode "always"; a Contents API ' +
    "commit is a direct commit.",
  source: SOURCES.pullRequestRule,
  rationale:
    "Terraform commits CODEOWNERS and the workflows straight to the default branch. With the ruleset active and no bypass for the " +
    "identity Terraform uses, the first apply races the ruleset and every later change to those files is refused. Fix: authenticate " +
    'the GitHub provider as the automation\'s GitHub App (app_auth) and list exactly that App as an Integration bypass actor with ' +
    'bypass_mode "always" (DefaultBranchRuleset bypassApp); order the files after the ruleset.',
  check: ({ values, stack }) => {
    if (values.enforcement !== "active" || (values.target !== undefined && values.target !== "branch")) return [];
    const rules = rulesOf(values);
    const blockers = DIRECT_COMMIT_BLOCKERS.filter((rule) => rules[rule] !== undefined && rules[rule] !== false && rules[rule] !== null);
    if (blockers.length === 0) return [];
    const repo = repositoryOf(stack, values.repository);
    const defaultBranch = typeof repo?.[1].default_branch === "string" ? repo[1].default_branch : "main";
    const refName = nestedBlock(nestedBlock(values.conditions)?.ref_name);
    const include = stringsOf(refName?.include);
    const exclude = stringsOf(refName?.exclude);
    const covered = (branch: string) => include.some((p) => refMatches(p, branch, defaultBranch)) && !exclude.some((p) => refMatches(p, branch, defaultBranch));
    const files = resourcesOfType(stack, "github_repository_file").filter(
      ([, file]) => file.repository === values.repository && !isTrue(file.autocreate_branch) && covered(typeof file.branch === "string" ? file.branch : defaultBranch),
    );
    const problems: string[] = [];
    for (const [fileName, file] of files) {
      const appId = githubAppIdOf(githubProviderOf(stack, file.provider));
      const where = `${blockers.join(", ")} refuse(s) direct commits, and github_repository_file.${fileName} (${show(file.file)}) commits to a branch this ruleset targets`;
      if (appId === undefined) {
        problems.push(`${where} as a token, not as a GitHub App, so no bypass can admit it; authenticate the provider as the automation's App (app_auth) and list that App as the bypass actor`);
        continue;
      }
      const admitted = blocksOf(values.bypass_actors).some((b) => b.actor_type === "Integration" && String(b.actor_id) === appId && (b.bypass_mode === "always" || b.bypass_mode === "exempt"));
      if (!admitted) problems.push(`${where} as GitHub App ${appId}, which bypass_actors does not list with bypass_mode "always"; add { actor_type = "Integration", actor_id = ${appId}, bypass_mode = "always" }`);
    }
    return problems;
  },
};

/** The repository an environment (or a ruleset) belongs to, with its visibility, when this stack creates it. */
function repositoryVisibility(stack: TerraformJson, repository: unknown): { name: string; visibility: string } | undefined {
  const repo = repositoryOf(stack, repository);
  return repo ? { name: repo[0], visibility: visibilityOf(repo[1]) } : undefined;
}

const environmentsOnPlan: DeployabilityRule = {
  id: "SUMA-DEP-103",
  title: "Environments on a private repository need GitHub Pro, Team or Enterprise",
  severity: "error",
  controls,
  resourceTypes: ["github_repository_environment"],
  constraint:
    "Environments (with their secrets, variables and deployment branch or tag policies) exist in public repositories on every plan; " +
    "in private and internal repositories only on GitHub Pro, Team and Enterprise. GitHub Free refuses them there.",
  source: SOURCES.environments,
  rationale:
    "On GitHub Free the environment can't be created in a private repository, so the deploy jobs that reference it have no " +
    "gate and no variables. Fix: move the organization to Team or Enterprise (config github.organization.plan) or make the repository public.",
  check: ({ values, stack }) => {
    const products = productsOf(stack);
    const repo = repositoryVisibility(stack, values.repository);
    if (!products || !repo || repo.visibility === "public" || products.plan !== "free") return [];
    return [`environment ${show(values.environment)} is in the ${repo.visibility} repository github_repository.${repo.name}, and GitHub Free offers environments on public repositories only`];
  },
};

const environmentProtectionOnPlan: DeployabilityRule = {
  id: "SUMA-DEP-104",
  title: "Required reviewers, wait timers and the admin-bypass setting on a private repository need GitHub Enterprise",
  severity: "error",
  controls,
  resourceTypes: ["github_repository_environment"],
  constraint:
    "On GitHub Free, Pro and Team, deployment protection rules other than deployment branches (required reviewers, prevent self-review, " +
    "wait timers, and the setting that lets administrators bypass them) exist for public repositories only; a private or internal " +
    "repository needs GitHub Enterprise.",
  source: SOURCES.environments,
  rationale:
    "A reviewer or wait timer the plan does not include is refused by the API, or never gates a deploy, so production would ship " +
    "without the approval the controls rely on. Fix: use GitHub Enterprise (config github.organization.plan), or make the repository " +
    "public; config refuses reviewers and wait timers otherwise.",
  check: ({ values, stack }) => {
    const products = productsOf(stack);
    const repo = repositoryVisibility(stack, values.repository);
    if (!products || !repo || repo.visibility === "public" || products.plan === "enterprise") return [];
    const features: string[] = [];
    if (blocksOf(values.reviewers).some((r) => r.teams !== undefined || r.users !== undefined)) features.push("required reviewers");
    if (isTrue(values.prevent_self_review)) features.push("prevent_self_review");
    if ((asNumber(values.wait_timer) ?? 0) > 0) features.push(`a wait timer of ${String(values.wait_timer)} minutes`);
    if (values.can_admins_bypass === false || values.can_admins_bypass === "false") features.push("can_admins_bypass = false");
    if (features.length === 0) return [];
    return [
      `environment ${show(values.environment)} sets ${features.join(", ")} in the ${repo.visibility} repository github_repository.${repo.name}, ` +
        `but the organization's plan is "${products.plan}": these protection rules need GitHub Enterprise on a non-public repository`,
    ];
  },
};

const secretScanningOnPlan: DeployabilityRule = {
  id: "SUMA-DEP-105",
  title: "Secret scanning and push protection on a private repository need GitHub Secret Protection",
  severity: "error",
  controls,
  resourceTypes: ["github_repository"],
  constraint:
    "Secret scanning and push protection are free on public repositories; on private and internal repositories they need GitHub " +
    "Secret Protection (or Advanced Security), which only Team and Enterprise organizations can buy. GitHub refuses to enable them otherwise.",
  source: SOURCES.secretScanning,
  rationale:
    "Enabling secret scanning without the licence fails the repository update, and the repository would have no push protection. " +
    "Fix: license GitHub Secret Protection (config github.organization.secretProtection: true), or turn scanning off (github.secretScanning: false).",
  check: ({ values, stack }) => {
    const products = productsOf(stack);
    const visibility = visibilityOf(values);
    if (!products || visibility === "public") return [];
    const analysis = nestedBlock(values.security_and_analysis);
    const enabled = ["secret_scanning", "secret_scanning_push_protection"].filter((k) => nestedBlock(analysis?.[k])?.status === "enabled");
    const licensed = products.secretProtection && (products.plan === "team" || products.plan === "enterprise");
    if (enabled.length === 0 || licensed) return [];
    return [`${enabled.join(" and ")} enabled on a ${visibility} repository, but the organization (plan "${products.plan}") has no GitHub Secret Protection`];
  },
};

const rulesetsOnPlan: DeployabilityRule = {
  id: "SUMA-DEP-106",
  title: "Rulesets on a private repository need GitHub Pro, Team or Enterprise",
  severity: "error",
  controls,
  resourceTypes: ["github_repository_ruleset"],
  constraint: "Repository rulesets are available in public repositories on GitHub Free, and in private ones only on GitHub Pro, Team and Enterprise.",
  source: SOURCES.rulesets,
  rationale: "On GitHub Free the ruleset for a private repository is refused, leaving the default branch unprotected. Fix: use a paid plan or a public repository.",
  check: ({ values, stack }) => {
    const products = productsOf(stack);
    const repo = repositoryVisibility(stack, values.repository);
    if (!products || !repo || repo.visibility === "public" || products.plan !== "free") return [];
    return [`ruleset ${show(values.name)} protects the ${repo.visibility} repository github_repository.${repo.name}, and GitHub Free offers rulesets on public repositories only`];
  },
};

const internalNeedsEnterprise: DeployabilityRule = {
  id: "SUMA-DEP-107",
  title: "Internal repositories exist only in GitHub Enterprise organizations",
  severity: "error",
  controls,
  resourceTypes: ["github_repository"],
  constraint: 'The "internal" visibility is offered only to organizations owned by a GitHub Enterprise account; elsewhere the API refuses it.',
  source: SOURCES.visibility,
  rationale: 'Creating the repository fails. Fix: use "private", or GitHub Enterprise (config github.organization.plan).',
  check: ({ values, stack }) => {
    const products = productsOf(stack);
    if (!products || values.visibility !== "internal" || products.plan === "enterprise") return [];
    return [`visibility is "internal", which exists only on GitHub Enterprise; the organization's plan is "${products.plan}"`];
  },
};

export const GITHUB_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  fileOnBranchThatExists,
  rulesetAdmitsAutomationCommits,
  environmentsOnPlan,
  environmentProtectionOnPlan,
  secretScanningOnPlan,
  rulesetsOnPlan,
  internalNeedsEnterprise,
];
