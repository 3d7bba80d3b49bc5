/** Readers the github deployability rules share (rules/deployability/github/). */
import { isTrue, type ResourceValues, type TerraformJson } from "../terraform-json";
import { referencedResource } from "./references";

/** What the stack says the organization has, from the `github_organization` output. */
export function organizationProducts(stack: TerraformJson): { plan: string; secretProtection: boolean } | undefined {
  const value = (stack as { output?: Record<string, { value?: unknown }> }).output?.github_organization?.value as
    { plan?: unknown; secret_protection?: unknown } | undefined;
  if (typeof value?.plan !== "string") return undefined;
  return { plan: value.plan, secretProtection: isTrue(value.secret_protection) };
}

/** The repository created in this stack that `repository` (a name or a reference) points at. */
export function repositoryResource(stack: TerraformJson, repository: unknown): [string, ResourceValues] | undefined {
  return referencedResource(stack, "github_repository", repository, ["name", "id", "full_name"], ["name"]);
}

/** A repository's visibility as GitHub will see it (the provider's default is public). */
export function repositoryVisibilityOf(repo: ResourceValues): string {
  if (typeof repo.visibility === "string") return repo.visibility;
  return isTrue(repo.private) ? "private" : "public";
}

/** The repository an environment (or a ruleset) belongs to, with its visibility, when this stack creates it. */
export function repositoryVisibility(
  stack: TerraformJson,
  repository: unknown,
): { name: string; visibility: string } | undefined {
  const repo = repositoryResource(stack, repository);
  return repo ? { name: repo[0], visibility: repositoryVisibilityOf(repo[1]) } : undefined;
}
