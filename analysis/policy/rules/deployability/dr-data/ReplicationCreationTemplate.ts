import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { ecrReplications, replicatedRepositories, stacksAt } from "../../../rule-helpers";
import { isSet, resourcesOfType } from "../../../terraform-json";

/** Does a creation template prefix cover the repository name? ECR reads the prefix as `prefix/`; ROOT covers everything. */
function templateCovers(prefix: string, repository: string): boolean {
  return prefix === "ROOT" || repository.startsWith(`${prefix.replace(/\/$/, "")}/`);
}

/** SUMA-DEP-752: a repository ECR creates by replication gets the region's KMS key. */
export const ReplicationCreationTemplate: DeployabilityAppCheck = {
  id: "SUMA-DEP-752",
  title:
    "Every ECR replication destination region has a REPLICATION repository creation template with a customer-managed KMS key covering the replicated repositories",
  severity: "error",
  controls: { pci: ["3.5.1", "6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecr_replication_configuration", "aws_ecr_repository_creation_template"],
  constraint:
    "When ECR replicates an image into a region where the repository does not exist, it creates the repository itself: with the settings of " +
    "a repository creation template applied for REPLICATION whose prefix matches (ROOT matches any; a prefix is read with a trailing '/'), " +
    "otherwise with AES-256 encryption and mutable tags. A template that sets a KMS key needs a custom role ECR can assume.",
  source: {
    title:
      "Amazon ECR User Guide: Templates to control repositories created during a pull through cache, create on push, or replication action",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html",
  },
  rationale:
    "An image pushed before the DR region's shared stack exists would create the DR repository without the KMS key, and that stack's next " +
    "apply then fails with RepositoryAlreadyExistsException. Fix: put an aws_ecr_repository_creation_template (applied_for REPLICATION, " +
    "prefix ROOT or the repositories' namespace, encryption KMS with the region's key, custom_role_arn) in the destination region's shared " +
    "stack (ReplicationRepositoryTemplate).",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const replication of ecrReplications(app)) {
      const templates = stacksAt(app, replication.accountId, replication.destinationRegion).flatMap(([, stack]) =>
        resourcesOfType(stack, "aws_ecr_repository_creation_template").map(([, values]) => values),
      );
      const usable = templates.filter((t) => {
        const encryption = (
          Array.isArray(t.encryption_configuration) ? t.encryption_configuration[0] : t.encryption_configuration
        ) as { encryption_type?: string; kms_key?: string } | undefined;
        return (
          Array.isArray(t.applied_for) &&
          t.applied_for.includes("REPLICATION") &&
          encryption?.encryption_type === "KMS" &&
          isSet(encryption.kms_key) &&
          isSet(t.custom_role_arn)
        );
      });
      const repositories = replicatedRepositories(app, replication);
      const uncovered = repositories.filter(
        (repo) => !usable.some((t) => typeof t.prefix === "string" && templateCovers(t.prefix, repo)),
      );
      if (usable.length === 0 || uncovered.length > 0) {
        problems.push({
          stack: replication.stack,
          address: replication.address,
          message: `replicates to ${replication.destinationRegion} of account ${replication.accountId}, where ${
            usable.length === 0
              ? "no stack holds a REPLICATION creation template with a KMS key and a custom role"
              : `no such template's prefix covers ${uncovered.join(", ")}`
          }: a repository replication creates there would get AES-256 and mutable tags`,
        });
      }
    }
    return problems;
  },
};
