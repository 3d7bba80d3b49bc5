/**
 * GitHub resources: which rulesets protect a repository's default branch, the provider a resource
 * authenticates with, and the Actions workflows the repository files commit.
 */
import { parse } from "yaml";
import { nestedBlock, type ResourceValues } from "../terraform-json";
import { stringsOf } from "./values";

/** Ruleset resource types whose `rules` the default-branch rules read. */
export const RULESET_TYPES = ["github_repository_ruleset", "github_organization_ruleset"] as const;

/** Ref patterns that cover the default branch: GitHub's `~DEFAULT_BRANCH` and `~ALL`, or the usual default names. */
const DEFAULT_BRANCH_REFS = new Set(["~DEFAULT_BRANCH", "~ALL", "refs/heads/main", "refs/heads/master"]);

/** Whether a ruleset targets branches and includes (and does not exclude) the default branch. */
export function targetsDefaultBranch(values: ResourceValues): boolean {
  if (values.target !== undefined && values.target !== "branch") return false;
  const refName = nestedBlock(nestedBlock(values.conditions)?.ref_name);
  const include = stringsOf(refName?.include);
  const exclude = stringsOf(refName?.exclude);
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
  const list: ProviderBlock[] = Array.isArray(providers)
    ? (providers as ProviderBlock[])
    : providers
      ? [providers as ProviderBlock]
      : [];
  const alias =
    typeof providerRef === "string" && providerRef.startsWith("github.")
      ? providerRef.slice("github.".length)
      : undefined;
  return list.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias));
}

/** The GitHub App id a provider configuration authenticates as (`app_auth.id`), or undefined for token auth. */
export function githubAppIdOf(provider: ProviderBlock | undefined): string | undefined {
  const id = nestedBlock(provider?.app_auth)?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;

// Several checks read the same workflow files of one synthesized app; YAML parsing is most of
// the family's cost, so each file's content is parsed once.
const parsedWorkflows = new Map<string, Readonly<Record<string, unknown>> | undefined>();

/** The workflow a github_repository_file commits, or undefined for other files and unreadable content. */
export function workflowOf(values: ResourceValues): Readonly<Record<string, unknown>> | undefined {
  if (typeof values.file !== "string" || !WORKFLOW_PATH.test(values.file) || typeof values.content !== "string")
    return undefined;
  if (!parsedWorkflows.has(values.content)) parsedWorkflows.set(values.content, parseWorkflow(values.content));
  return parsedWorkflows.get(values.content);
}

function parseWorkflow(content: string): Readonly<Record<string, unknown>> | undefined {
  if (parsedWorkflows.size > 64) parsedWorkflows.clear();
  try {
    // Terraform's literal escapes: `$${` and `%%{` are written as `${` and `%{`.
    const parsed: unknown = parse(content.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
