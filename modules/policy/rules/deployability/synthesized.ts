/**
 * Readers the deployability checks share: where a stack is placed (its AWS account and region)
 * and the workflows the GitHub stack commits. Pure: no cdktf import.
 */
import { parse } from "yaml";
import type { ResourceValues, TerraformJson } from "../../terraform-json";

export interface Placement {
  readonly accountId?: string;
  readonly region?: string;
}

/** The account and region of a stack's default AWS provider (the one without an alias, else the first). */
export function stackPlacement(stack: TerraformJson): Placement {
  const providers = (stack as { provider?: { aws?: ReadonlyArray<Record<string, unknown>> } }).provider?.aws ?? [];
  const main = providers.find((p) => p.alias === undefined) ?? providers[0] ?? {};
  const accounts = main.allowed_account_ids;
  return { region: typeof main.region === "string" ? main.region : undefined, accountId: Array.isArray(accounts) && typeof accounts[0] === "string" ? accounts[0] : undefined };
}

const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;

// Several checks read the same workflow files of one synthesized app; YAML parsing is most of
// the family's cost, so each file's content is parsed once.
const parsedWorkflows = new Map<string, Readonly<Record<string, unknown>> | undefined>();

/** The workflow a github_repository_file commits, or undefined for other files and unreadable content. */
export function workflowOf(values: ResourceValues): Readonly<Record<string, unknown>> | undefined {
  if (typeof values.file !== "string" || !WORKFLOW_PATH.test(values.file) || typeof values.content !== "string") return undefined;
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
