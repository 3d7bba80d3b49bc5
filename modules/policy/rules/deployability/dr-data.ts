/**
 * Deployability rules: the DR copy's data (SUMA-DEP-750..769). The Aurora global database's
 * endpoints and the DR secondary's instances, and ECR replication into the DR region.
 */
import { isSet, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import { appliedBefore, globalClustersSourcedFrom, isGlobalSecondary, stackPlacement } from "../../rule-helpers";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule, SynthesizedApp } from "./rule";

const controls = { pci: ["6.5.1", "12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

const CLUSTER_ENDPOINT = /\$\{aws_rds_cluster\.([A-Za-z0-9_-]+)\.endpoint\}/g;

function clusterValues(stack: TerraformJson, name: string): ResourceValues | undefined {
  return resourcesOfType(stack, "aws_rds_cluster").find(([n]) => n === name)?.[1];
}

/** SUMA-DEP-750: clients of a global database write through its writer endpoint. */
export const globalMemberWriterEndpoint: DeployabilityRule = {
  id: "SUMA-DEP-750",
  title: "A connection secret of an Aurora global database member names the global writer endpoint, not the cluster's own endpoint",
  severity: "error",
  controls,
  resourceTypes: ["aws_secretsmanager_secret_version"],
  constraint:
    "A secondary cluster of an Aurora global database has no writer until it is promoted, so its cluster endpoint takes no writes; after a " +
    "switchover or failover the old primary's cluster endpoint stops taking writes too. Only the global database's writer endpoint always " +
    "points at the current primary's writer.",
  source: {
    title: "Aurora User Guide: Connecting to Amazon Aurora Global Database, Choosing the endpoint that meets your application needs",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-connecting.html",
  },
  rationale:
    "The DR service would read a write endpoint that refuses writes until someone edits the secret in the middle of a failover, and prod's " +
    "would do the same after a switchover. Fix: put the global writer endpoint in the secret's host (aws_rds_global_cluster.endpoint in the " +
    "primary's stack; a data.aws_rds_global_cluster lookup in the secondary's own region, GlobalWriterEndpoint, so it never reads the primary's state).",
  check: ({ values, stack }) => {
    const text = typeof values.secret_string === "string" ? values.secret_string : "";
    const problems: string[] = [];
    for (const match of text.matchAll(CLUSTER_ENDPOINT)) {
      const name = match[1]!;
      const cluster = clusterValues(stack, name);
      if (!cluster) continue;
      if (isGlobalSecondary(cluster) || isSet(cluster.global_cluster_identifier) || globalClustersSourcedFrom(stack, name).length > 0) {
        problems.push(
          `secret_string names aws_rds_cluster.${name}.endpoint, the own endpoint of a cluster in an Aurora global database (${
            isGlobalSecondary(cluster) ? "a secondary: it takes no writes until promoted" : "the primary: it stops taking writes after a switchover or failover"
          }); use the global writer endpoint`,
        );
      }
    }
    return problems;
  },
};

/** SUMA-DEP-751: a DR secondary is Multi-AZ the moment it is promoted. */
export const secondaryMultiAz: DeployabilityRule = {
  id: "SUMA-DEP-751",
  title: "A secondary cluster of an Aurora global database has a writer and a reader in different Availability Zones",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "An Aurora cluster fails over within its region only to a reader instance; with one instance, or all instances in one Availability Zone, " +
    "losing that instance or zone leaves the cluster without a writer until a new instance is created. A promoted secondary is no different.",
  source: {
    title: "Aurora User Guide: High availability for Amazon Aurora, High availability for Aurora DB instances",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
  },
  rationale:
    "After a regional failover the DR cluster is the only database; a single instance makes it a single-AZ database exactly when the " +
    "service depends on it. Fix: give the DR copy at least one reader (config/derive.ts databaseSettings does; sizing.database.readers must " +
    "not be 0) in a zone other than the writer's (AuroraPostgresCluster spreads instances over availabilityZones).",
  check: ({ name, values, stack }) => {
    if (!isGlobalSecondary(values)) return [];
    const reference = new RegExp(`^\\$\\{aws_rds_cluster\\.${name.replace(/[-]/g, "\\-")}\\.(id|cluster_identifier)\\}$`);
    const instances = resourcesOfType(stack, "aws_rds_cluster_instance").filter(([, i]) => typeof i.cluster_identifier === "string" && reference.test(i.cluster_identifier));
    if (instances.length < 2) {
      return [`the secondary cluster has ${instances.length} instance(s); it needs a writer and a reader so it is Multi-AZ once promoted`];
    }
    const zones = new Set(instances.map(([, i]) => i.availability_zone).filter(isSet).map((zone) => JSON.stringify(zone)));
    if (zones.size < 2) {
      return [`the secondary cluster's ${instances.length} instances are not placed in two Availability Zones (availability_zone: ${[...zones].join(", ") || "unset"}); put a reader in another zone`];
    }
    return [];
  },
};

interface Replication {
  readonly stack: string;
  readonly address: string;
  readonly accountId: string;
  readonly region: string;
  readonly destinationRegion: string;
  /** PREFIX_MATCH filters; empty: every repository. */
  readonly prefixes: readonly string[];
}

function replications(app: SynthesizedApp): Replication[] {
  const found: Replication[] = [];
  for (const [stackName, stack] of Object.entries(app.stacks)) {
    const { accountId, region } = stackPlacement(stack);
    if (!accountId || !region) continue;
    for (const [name, values] of resourcesOfType(stack, "aws_ecr_replication_configuration")) {
      const configuration = values.replication_configuration as { rule?: Array<{ destination?: Array<{ region?: string; registry_id?: string }>; repository_filter?: Array<{ filter?: string }> }> } | undefined;
      for (const rule of configuration?.rule ?? []) {
        const prefixes = (rule.repository_filter ?? []).map((f) => f.filter).filter((f): f is string => typeof f === "string");
        for (const destination of rule.destination ?? []) {
          if (destination.registry_id !== accountId || typeof destination.region !== "string" || destination.region === region) continue;
          found.push({ stack: stackName, address: `aws_ecr_replication_configuration.${name}`, accountId, region, destinationRegion: destination.region, prefixes });
        }
      }
    }
  }
  return found;
}

function stacksAt(app: SynthesizedApp, accountId: string, region: string): Array<[string, TerraformJson]> {
  return Object.entries(app.stacks).filter(([, stack]) => {
    const placement = stackPlacement(stack);
    return placement.accountId === accountId && placement.region === region;
  });
}

/** Does a creation template prefix cover the repository name? ECR reads the prefix as `prefix/`; ROOT covers everything. */
function templateCovers(prefix: string, repository: string): boolean {
  return prefix === "ROOT" || repository.startsWith(`${prefix.replace(/\/$/, "")}/`);
}

/** Repository names (literal) in the replication's source stack that its filters replicate. */
function replicatedRepositories(app: SynthesizedApp, replication: Replication): string[] {
  const source = app.stacks[replication.stack]!;
  return resourcesOfType(source, "aws_ecr_repository")
    .map(([, values]) => values.name)
    .filter((name): name is string => typeof name === "string" && !name.includes("${"))
    .filter((name) => replication.prefixes.length === 0 || replication.prefixes.some((p) => name.startsWith(p)));
}

/** SUMA-DEP-752: a repository ECR creates by replication gets the region's KMS key. */
export const replicationCreationTemplate: DeployabilityAppCheck = {
  id: "SUMA-DEP-752",
  title: "Every ECR replication destination region has a REPLICATION repository creation template with a customer-managed KMS key covering the replicated repositories",
  severity: "error",
  controls: { pci: ["3.5.1", "6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecr_replication_configuration", "aws_ecr_repository_creation_template"],
  constraint:
    "When ECR replicates an image into a region where the repository does not exist, it creates the repository itself: with the settings of " +
    "a repository creation template applied for REPLICATION whose prefix matches (ROOT matches any; a prefix is read with a trailing '/'), " +
    "otherwise with AES-256 encryption and mutable tags. A template that sets a KMS key needs a custom role ECR can assume.",
  source: {
    title: "Amazon ECR User Guide: Templates to control repositories created during a pull through cache, create on push, or replication action",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html",
  },
  rationale:
    "An image pushed before the DR region's shared stack exists would create the DR repository without the KMS key, and that stack's next " +
    "apply then fails with RepositoryAlreadyExistsException. Fix: put an aws_ecr_repository_creation_template (applied_for REPLICATION, " +
    "prefix ROOT or the repositories' namespace, encryption KMS with the region's key, custom_role_arn) in the destination region's shared " +
    "stack (ReplicationRepositoryTemplate).",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const replication of replications(app)) {
      const templates = stacksAt(app, replication.accountId, replication.destinationRegion).flatMap(([, stack]) =>
        resourcesOfType(stack, "aws_ecr_repository_creation_template").map(([, values]) => values),
      );
      const usable = templates.filter((t) => {
        const encryption = (Array.isArray(t.encryption_configuration) ? t.encryption_configuration[0] : t.encryption_configuration) as { encryption_type?: string; kms_key?: string } | undefined;
        return Array.isArray(t.applied_for) && t.applied_for.includes("REPLICATION") && encryption?.encryption_type === "KMS" && isSet(encryption.kms_key) && isSet(t.custom_role_arn);
      });
      const repositories = replicatedRepositories(app, replication);
      const uncovered = repositories.filter((repo) => !usable.some((t) => typeof t.prefix === "string" && templateCovers(t.prefix, repo)));
      if (usable.length === 0 || uncovered.length > 0) {
        problems.push({
          stack: replication.stack,
          address: replication.address,
          message: `replicates to ${replication.destinationRegion} of account ${replication.accountId}, where ${
            usable.length === 0 ? "no stack holds a REPLICATION creation template with a KMS key and a custom role" : `no such template's prefix covers ${uncovered.join(", ")}`
          }: a repository replication creates there would get AES-256 and mutable tags`,
        });
      }
    }
    return problems;
  },
};

/** SUMA-DEP-753: the destination repository exists before replication can create it. */
export const replicationAfterDestination: DeployabilityAppCheck = {
  id: "SUMA-DEP-753",
  title: "A stack that sets up ECR replication is applied after the stacks that create the destination repositories",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecr_replication_configuration", "aws_ecr_repository"],
  constraint:
    "ECR replication creates a missing destination repository when it copies an image; CreateRepository for a name that already exists " +
    "fails with RepositoryAlreadyExistsException, so a stack that declares that repository can no longer create it.",
  source: {
    title: "Amazon ECR User Guide: Private image replication in Amazon ECR, Considerations for private image replication",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html",
  },
  rationale:
    "If the replicating shared stack is applied (and an image pushed) before the DR region's shared stack, the DR repository is made by " +
    "replication and the DR shared stack's apply fails. Fix: make the replicating stack depend on every stack that declares a replicated " +
    "repository in a destination region (stacks/app.ts adds the dependency); an import block is the way back if it happened anyway.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const replication of replications(app)) {
      const repositories = new Set(replicatedRepositories(app, replication));
      const before = appliedBefore(app, replication.stack);
      for (const [stackName, stack] of stacksAt(app, replication.accountId, replication.destinationRegion)) {
        for (const [name, values] of resourcesOfType(stack, "aws_ecr_repository")) {
          const repo = values.name;
          const replicated = typeof repo === "string" && (repositories.has(repo) || (replication.prefixes.length === 0 && !repo.includes("${")));
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

export const DR_DATA_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [globalMemberWriterEndpoint, secondaryMultiAz];
export const DR_DATA_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [replicationCreationTemplate, replicationAfterDestination];
