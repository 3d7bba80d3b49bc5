import type { DeployabilityRule } from "../../../rule";
import { blocksOf, repositoryResource, show } from "../../../rule-helpers";
import { isTrue, nestedBlock, type TerraformJson } from "../../../terraform-json";

/** Whether the stack adopts `type.name` through an `import` block. */
function isImported(stack: TerraformJson, type: string, name: string): boolean {
  const imports = (stack as { import?: unknown }).import;
  return blocksOf(imports).some((i) => i.to === `${type}.${name}`);
}

export const FileOnBranchThatExists: DeployabilityRule = {
  id: "SUMA-DEP-101",
  title: "A repository file is committed to a branch that exists",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_file"],
  constraint:
    "github_repository_file commits through the Contents API to an existing branch and fails when the branch is missing (unless autocreate_branch is set). " +
    "A repository created without auto_init or a template has no commit and so no branch at all.",
  source: {
    title:
      "Terraform Registry, integrations/github: github_repository_file, Argument Reference (branch must already exist)",
    url: "https://registry.terraform.io/providers/integrations/github/latest/docs/resources/repository_file",
  },
  rationale:
    "On the first apply the repository is created empty and every file Terraform manages in it fails with a missing branch, so " +
    "CODEOWNERS and the workflows never arrive. Fix: create the repository with auto_init = true (GovernedRepository does), or, " +
    "when it already exists, adopt it with an import block (GovernedRepository adoptExisting / config github.adoptExistingRepository).",
  check: ({ values, stack }) => {
    if (isTrue(values.autocreate_branch)) return [];
    const repo = repositoryResource(stack, values.repository);
    if (!repo) return [];
    const [name, repoValues] = repo;
    if (
      isTrue(repoValues.auto_init) ||
      nestedBlock(repoValues.template) !== undefined ||
      isImported(stack, "github_repository", name)
    )
      return [];
    return [
      `commits ${show(values.file)} to github_repository.${name}, which is created without auto_init or a template and is not imported, ` +
        "so it has no branch and the provider refuses the file; set auto_init = true, or import the existing repository",
    ];
  },
};
