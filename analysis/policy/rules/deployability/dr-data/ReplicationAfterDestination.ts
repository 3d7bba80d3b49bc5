import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { appliedBefore, ecrReplications, replicatedRepositories, stacksAt } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** SUMA-DEP-753: the destination repository exists before replication can create it. */
export const ReplicationAfterDestination: DeployabilityAppCheck = {
  id: "SUMA-DEP-753",
  title: "A stack that sets up ECR replication is applied after the stacks that create the destination repositories",
  severity: "error",
  controls: { pci: ["6.5.1", "12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecr_replication_configuration", "aws_ecr_repository"],
  constraint:
    "ECR replication creates a missing destination repository when it copies an image; CreateRepository for a name that already exists " +
    "fails with RepositoryAlreadyExistsException, so a stack that declares that repository can no longer create it.",
  source: {
    title:
      "Amazon ECR User Guide: Private image replication in Amazon ECR, Considerations for private image replication",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html",
  },
  rationale:
    "If the replicating shared stack is applied (and an image pushed) before the DR region's shared stack, the DR repository is made by " +
    "replication and the DR shared stack's apply fails. Fix: make the replicating stack depend on every stack that declares a replicated " +
    "repository in a destination region (stacks/app.ts adds the dependency); an import block is the way back if it happened anyway.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const replication of ecrReplications(app)) {
      const repositories = new Set(replicatedRepositories(app, replication));
      const before = appliedBefore(app, replication.stack);
      for (const [stackName, stack] of stacksAt(app, replication.accountId, replication.destinationRegion)) {
        for (const [name, values] of resourcesOfType(stack, "aws_ecr_repository")) {
          const repo = values.name;
          const replicated =
            typeof repo === "string" &&
            (repositories.has(repo) || (replication.prefixes.length === 0 && !repo.includes("${")));
          if (replicated && !before.has(stackName)) {
            problems.push({
              stack: replication.stack,
              address: replication.address,
              message: `replicates ${repo} to ${replication.destinationRegion}, but this stack is not applied after ${stackName}, which creates aws_ecr_repository.${name} there: replication could create it first and that stack's apply would fail`,
            });
          }
        }
      }
    }
    return problems;
  },
};
