/** Deployability rules: database (Aurora global databases and master passwords). */
import { asNumber, isSet, isTrue, nestedBlock, type ResourceValues, type TerraformJson } from "../../terraform-json";
import { ephemeralReference, globalClustersSourcedFrom, isGlobalSecondary } from "../../rule-helpers";
import { walkStrings } from "../../json-walk";
import type { DeployabilityRule } from "./rule";

const controls = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

const RDS_CLUSTER_DOC = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster";
const GLOBAL_CLUSTER_DOC = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_global_cluster";

/** A member of a global database: its primary (source or created into it) or a secondary. */
function isGlobalMember(stack: TerraformJson, name: string, values: ResourceValues): boolean {
  return isSet(values.global_cluster_identifier) || globalClustersSourcedFrom(stack, name).length > 0;
}

/** The names of `ignore_changes` in the resource's lifecycle block. */
function ignoredChanges(values: ResourceValues): string[] {
  const ignore = nestedBlock(values.lifecycle)?.ignore_changes;
  return Array.isArray(ignore) ? ignore.filter((a): a is string => typeof a === "string") : ignore === "all" ? ["all"] : [];
}

/** `${aws_rds_cluster.<name>.<attr>}` → name. */
function referencedCluster(value: unknown): string | undefined {
  return typeof value === "string" ? /^\$\{aws_rds_cluster\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value)?.[1] : undefined;
}

export const globalMemberManagedPassword: DeployabilityRule = {
  id: "SUMA-DEP-201",
  title: "No RDS-managed master password on a cluster of an Aurora global database",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "Aurora does not support master user passwords managed in Secrets Manager for DB clusters that are part of a global database: " +
    "CreateGlobalCluster from such a source cluster, or adding it to a global cluster, is refused.",
  source: {
    title: "Aurora User Guide: Password management with Amazon Aurora and AWS Secrets Manager, Limitations for Secrets Manager integration",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations",
  },
  rationale:
    "The primary of the DR global database would be created with manage_master_user_password, and the global cluster built from it " +
    "would then fail on the first apply. Fix: give the global primary a write-only password (AuroraPostgresCluster masterPassword " +
    "{ kind: \"write-only\" }: master_password_wo from an ephemeral aws_secretsmanager_random_password); leave the flag off secondaries.",
  check: ({ name, values, stack }) =>
    isTrue(values.manage_master_user_password) && isGlobalMember(stack, name, values)
      ? [
          `manage_master_user_password is true on a cluster of an Aurora global database (${
            isSet(values.global_cluster_identifier) ? "global_cluster_identifier is set" : `source of aws_rds_global_cluster.${globalClustersSourcedFrom(stack, name).join(", ")}`
          }); RDS refuses it: use a write-only master password`,
        ]
      : [],
};

const WRITE_ONLY_PAIRS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  aws_rds_cluster: [["master_password_wo", "master_password_wo_version"]],
  aws_secretsmanager_secret_version: [["secret_string_wo", "secret_string_wo_version"]],
  aws_db_instance: [["password_wo", "password_wo_version"]],
};

export const writeOnlyWithVersion: DeployabilityRule = {
  id: "SUMA-DEP-202",
  title: "A write-only argument comes with its version argument, and the version is a whole number from 1",
  severity: "error",
  controls,
  resourceTypes: Object.keys(WRITE_ONLY_PAIRS),
  constraint:
    "The AWS provider requires each write-only argument together with its *_wo_version (RequiredWith both ways) and only sends the " +
    "write-only value when the version changes; Terraform never stores the value, so the version is the only way to trigger an update.",
  source: { title: "AWS provider: aws_rds_cluster, Argument Reference (master_password_wo, master_password_wo_version)", url: `${RDS_CLUSTER_DOC}#master_password_wo_version` },
  rationale:
    "Without the version the plan fails validation, and a later password change could never reach the cluster or the secret. Fix: set the " +
    "*_wo_version argument (AuroraPostgresCluster does, from masterPassword.version) and raise it to rotate.",
  check: ({ type, values }) => {
    const problems: string[] = [];
    for (const [argument, version] of WRITE_ONLY_PAIRS[type] ?? []) {
      const hasValue = isSet(values[argument]);
      const hasVersion = values[version] !== undefined && values[version] !== null;
      if (hasValue && !hasVersion) problems.push(`${argument} is set without ${version}; the provider refuses it and could never send a new value`);
      if (!hasValue && hasVersion) problems.push(`${version} is set without ${argument}; the provider refuses it`);
      const n = asNumber(values[version]);
      if (hasVersion && typeof values[version] !== "string" && !(n !== undefined && Number.isInteger(n) && n >= 1)) {
        problems.push(`${version} is ${JSON.stringify(values[version])}; it must be a whole number from 1`);
      }
    }
    return problems;
  },
};

export const secondaryWithoutCredentials: DeployabilityRule = {
  id: "SUMA-DEP-203",
  title: "A global database secondary sets no master password of its own",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "A secondary cluster of an Aurora global database is read-only and replicates its users, and so the master password, from the primary: " +
    "a password given to it is refused or never takes effect, and an RDS-managed password is not supported on any member of a global database.",
  source: {
    title: "Aurora User Guide: Adding an AWS Region to an Amazon Aurora global database",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html",
  },
  rationale:
    "Credentials on the secondary fail the DR stack's first apply, or (with a managed password) hit the global database limitation. " +
    "Fix: give the secondary no master user or password (AuroraPostgresCluster role { kind: \"secondary\" }).",
  check: ({ values }) => {
    if (!isGlobalSecondary(values)) return [];
    return ["master_password", "master_password_wo", "master_password_wo_version", "manage_master_user_password"]
      .filter((argument) => values[argument] !== undefined && values[argument] !== null && values[argument] !== false)
      .map((argument) => `${argument} is set on a global database secondary (global_cluster_identifier without master_username); remove it: the secondary takes it from the primary`);
  },
};

/** Every write-only argument (`*_wo`) set on the resource. */
function writeOnlyArguments(values: ResourceValues): string[] {
  return Object.keys(values).filter((key) => key.endsWith("_wo") && values[key] !== undefined && values[key] !== null);
}

/** True when the constraint admits no Terraform below 1.11 (`>= 1.11`, `>= 1.12.0`, `~> 1.11`, `> 1.11`, `>= 2`). */
export function requiresTerraform111(constraint: unknown): boolean {
  if (typeof constraint !== "string") return false;
  return constraint.split(",").some((part) => {
    const match = /^\s*(>=|~>|>)\s*(\d+)(?:\.(\d+))?/.exec(part);
    if (!match) return false;
    const major = Number(match[2]);
    const minor = Number(match[3] ?? 0);
    return major > 1 || (major === 1 && minor >= 11);
  });
}

export const writeOnlyNeedsTerraform111: DeployabilityRule = {
  id: "SUMA-DEP-204",
  title: "A stack using write-only arguments or ephemeral resources requires Terraform 1.11 or later",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster", "aws_secretsmanager_secret_version", "aws_db_instance"],
  constraint:
    "Write-only arguments need Terraform 1.11 or later (ephemeral resources 1.10); an older Terraform rejects the configuration, " +
    "so the stack must state required_version to fail with a clear message instead.",
  source: {
    title: "Terraform language: Use temporary write-only arguments, Requirements",
    url: "https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only",
  },
  rationale:
    "Whoever runs the first apply with an older Terraform gets a parse error deep in the plan, or, worse, an older tool that ignores the " +
    "block. Fix: set terraform.required_version to \">= 1.11.0\" in the stack (EphemeralRandomPassword does).",
  check: ({ values, stack }) => {
    const arguments_ = writeOnlyArguments(values);
    if (arguments_.length === 0) return [];
    const required = (stack as { terraform?: { required_version?: unknown } }).terraform?.required_version;
    return requiresTerraform111(required)
      ? []
      : [`${arguments_.join(", ")} is write-only, which needs Terraform >= 1.11, but the stack's terraform.required_version is ${required === undefined ? "unset" : JSON.stringify(required)}; set ">= 1.11.0"`];
  },
};

const EXCLUDED_BY_RDS = ["/", '"', "@"] as const;
const RDS_PASSWORD_LENGTH = { min: 8, max: 41 } as const;

export const generatedMasterPasswordAccepted: DeployabilityRule = {
  id: "SUMA-DEP-205",
  title: "A generated Aurora master password fits what CreateDBCluster accepts",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "CreateDBCluster and ModifyDBCluster accept a master password of 8 to 41 printable ASCII characters without \"/\", '\"' or \"@\". " +
    "Secrets Manager's GetRandomPassword by default returns 32 characters drawn from all punctuation (including those three) and may include a space.",
  source: {
    title: "Amazon RDS API Reference: CreateDBCluster, Request Parameters (MasterUserPassword)",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
  },
  rationale:
    "With the generator's defaults the first apply fails on roughly every run with InvalidParameterValue, and a rotation fails the same way. " +
    "Fix: generate at most 41 characters, exclude / \" @ and spaces (EphemeralRandomPassword's defaults for RDS).",
  check: ({ values, stack }) => {
    const source = ephemeralReference(stack, values.master_password_wo);
    if (!source || source.type !== "aws_secretsmanager_random_password") return [];
    const block = ((stack as { ephemeral?: Record<string, Record<string, ResourceValues>> }).ephemeral?.[source.type]?.[source.name] ?? {}) as ResourceValues;
    const problems: string[] = [];
    const length = asNumber(block.password_length) ?? 32;
    if (length < RDS_PASSWORD_LENGTH.min || length > RDS_PASSWORD_LENGTH.max) {
      problems.push(`ephemeral.${source.type}.${source.name} generates ${length} characters; RDS accepts ${RDS_PASSWORD_LENGTH.min} to ${RDS_PASSWORD_LENGTH.max}`);
    }
    const excluded = typeof block.exclude_characters === "string" ? block.exclude_characters : "";
    const allowed = isTrue(block.exclude_punctuation) ? [] : EXCLUDED_BY_RDS.filter((c) => !excluded.includes(c));
    if (allowed.length > 0) problems.push(`ephemeral.${source.type}.${source.name} may generate ${allowed.map((c) => JSON.stringify(c)).join(", ")}, which RDS refuses in a master password; add them to exclude_characters`);
    if (isTrue(block.include_space)) problems.push(`ephemeral.${source.type}.${source.name} may generate a space; set include_space = false`);
    return problems;
  },
};

/** Classes Aurora global databases don't run on: burstable (db.t*) and Serverless v1 (no instance class). */
const BURSTABLE = /^db\.t\d/;

export const globalMemberInstanceClass: DeployabilityRule = {
  id: "SUMA-DEP-206",
  title: "Instances of an Aurora global database use a memory-optimized class",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster_instance"],
  constraint:
    "An Aurora global database requires DB instance classes optimized for memory-intensive applications (db.r5 or higher, or " +
    "Serverless v2); burstable db.t classes are not supported in its clusters.",
  source: {
    title: "Aurora User Guide: Configuration requirements of an Amazon Aurora global database, DB instance class requirements",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.configuration.requirements.html",
  },
  rationale:
    "A burstable instance in the primary makes CreateGlobalCluster fail, and in the secondary the DR cluster can't be created. Fix: size " +
    "every instance of a global database's clusters with a db.r6g/r7g/r8g class (config sizing.database.instanceClass).",
  check: ({ values, stack }) => {
    const cluster = referencedCluster(values.cluster_identifier);
    if (!cluster) return [];
    const clusterValues = stack.resource?.aws_rds_cluster?.[cluster];
    if (!clusterValues || !isGlobalMember(stack, cluster, clusterValues)) return [];
    const instanceClass = values.instance_class;
    return typeof instanceClass === "string" && BURSTABLE.test(instanceClass)
      ? [`instance_class ${instanceClass} is burstable, but aws_rds_cluster.${cluster} is part of an Aurora global database, which needs db.r5 or higher`]
      : [];
  },
};

export const globalClusterFromSource: DeployabilityRule = {
  id: "SUMA-DEP-207",
  title: "A global cluster made from a source cluster sets force_destroy and none of the source's engine settings",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_global_cluster"],
  constraint:
    "With source_db_cluster_identifier the provider requires force_destroy = true and refuses engine, engine_version, database_name " +
    "and storage_encrypted, which come from the source cluster.",
  source: { title: "AWS provider: aws_rds_global_cluster, Argument Reference (source_db_cluster_identifier, force_destroy)", url: `${GLOBAL_CLUSTER_DOC}#source_db_cluster_identifier` },
  rationale:
    "Otherwise the plan fails validation, or the global cluster is created with settings that conflict with its primary. Fix: use " +
    "GlobalDatabase, which sets only the identifier, the source, force_destroy and deletion protection.",
  check: ({ values }) => {
    if (!isSet(values.source_db_cluster_identifier)) return [];
    const problems: string[] = [];
    if (!isTrue(values.force_destroy)) problems.push("source_db_cluster_identifier is set without force_destroy = true, which the provider requires");
    for (const argument of ["engine", "engine_version", "database_name", "storage_encrypted"]) {
      if (values[argument] !== undefined && values[argument] !== null) problems.push(`${argument} is set beside source_db_cluster_identifier; remove it (it comes from the source cluster)`);
    }
    return problems;
  },
};

export const globalMembersIgnoreMembership: DeployabilityRule = {
  id: "SUMA-DEP-208",
  title: "Global database members ignore the membership attributes RDS manages",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "Once a cluster becomes a global cluster's primary through source_db_cluster_identifier, RDS reports global_cluster_identifier on " +
    "it; a secondary reports the primary's ARN as replication_source_identifier. The provider documents lifecycle ignore_changes for both, " +
    "or the next plan detaches the primary or promotes the secondary.",
  source: { title: "AWS provider: aws_rds_global_cluster, Example Usage (New Global Cluster From Existing DB Cluster)", url: `${GLOBAL_CLUSTER_DOC}#new-global-cluster-from-existing-db-cluster` },
  rationale:
    "The second apply would otherwise plan to remove the cluster from its global database (a perpetual diff that breaks replication). " +
    "Fix: ignore_changes global_cluster_identifier on the primary and replication_source_identifier on a secondary (AuroraPostgresCluster does).",
  check: ({ name, values, stack }) => {
    const ignored = ignoredChanges(values);
    if (ignored.includes("all")) return [];
    const problems: string[] = [];
    if (globalClustersSourcedFrom(stack, name).length > 0 && !ignored.includes("global_cluster_identifier")) {
      problems.push("the cluster is the source of an aws_rds_global_cluster but does not ignore_changes global_cluster_identifier; the next plan would detach it");
    }
    if (isGlobalSecondary(values) && !ignored.includes("replication_source_identifier")) {
      problems.push("the cluster is a global database secondary but does not ignore_changes replication_source_identifier; the next plan would promote it");
    }
    return problems;
  },
};

export const ephemeralOnlyInWriteOnly: DeployabilityRule = {
  id: "SUMA-DEP-209",
  title: "Ephemeral values go only into write-only arguments",
  severity: "error",
  controls,
  resourceTypes: ["aws_rds_cluster", "aws_db_instance", "aws_secretsmanager_secret_version", "aws_ssm_parameter", "aws_ecs_task_definition", "aws_elasticache_user"],
  constraint:
    "Terraform refuses an ephemeral value (a reference into an ephemeral block) in any resource argument except a write-only one, " +
    "because every other argument is stored in the plan and the state.",
  source: {
    title: "Terraform language: Ephemeral values in resources, Reference ephemeral resources (write-only arguments)",
    url: "https://developer.hashicorp.com/terraform/language/manage-sensitive-data/ephemeral",
  },
  rationale:
    "A generated password wired into master_password or secret_string instead of its *_wo twin fails the plan (and would store the " +
    "secret if it did not). Fix: use the write-only argument with its version (master_password_wo, secret_string_wo).",
  check: ({ values }) => {
    const problems: string[] = [];
    for (const [argument, value] of Object.entries(values)) {
      if (argument.endsWith("_wo") || argument === "//") continue;
      walkStrings({ [argument]: value }, ({ path, value: text }) => {
        if (/\bephemeral\.[A-Za-z0-9_]+\.[A-Za-z0-9_-]+/.test(text)) problems.push(`${path} uses an ephemeral value, which Terraform accepts only in a write-only argument; use the argument's *_wo form`);
      });
    }
    return problems;
  },
};

export const DATABASE_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  globalMemberManagedPassword,
  writeOnlyWithVersion,
  secondaryWithoutCredentials,
  writeOnlyNeedsTerraform111,
  generatedMasterPasswordAccepted,
  globalMemberInstanceClass,
  globalClusterFromSource,
  globalMembersIgnoreMembership,
  ephemeralOnlyInWriteOnly,
];
