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

/** One GitHub provider configuration of a stack (`provider.github[i]`). */
type ProviderBlock = Readonly<Record<string, unknown>>;

/**
 * The GitHub provider configuration a resource uses: the one whose alias matches the
 * resource's `provider` ("github.<alias>"), else the default (unaliased) one.
 */
export function githubProviderOf(stack: unknown, providerRef: unknown): ProviderBlock | undefined {
  const providers = (stack as { provider?: Record<string, unknown> }).provider?.github;
  const list: ProviderBlock[] = Array.isArray(providers) ? (providers as ProviderBlock[]) : providers ? [providers as ProviderBlock] : [];
  const alias = typeof providerRef === "string" && providerRef.startsWith("github.") ? providerRef.slice("github.".length) : undefined;
  return list.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
}

/** The GitHub App id a provider configuration authenticates as (`app_auth.id`), or undefined for token auth. */
export function githubAppIdOf(provider: ProviderBlock | undefined): string | undefined {
  const id = nestedBlock(provider?.app_auth)?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}
