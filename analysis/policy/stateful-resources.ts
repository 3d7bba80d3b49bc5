/**
 * Which resources in a synthesized stack hold data, and whether each is protected from an
 * accidental `terraform destroy` (or a replace) that would lose it.
 *
 * Pure TypeScript with no cdktf import. To cover another stateful type, add one entry to
 * {@link STATEFUL_RESOURCE_CHECKS}: a pure function from the resource's synthesized arguments
 * to the protections it needs, built from the small requirement helpers below.
 */
import {
  asNumber,
  camelCase,
  hasPreventDestroy,
  isSet,
  isTrue,
  nestedBlock,
  reference,
  resourcesOfType,
  type ResourceValues,
  type TerraformJson,
} from "./terraform-json";

/** One protection a stateful resource needs, and whether the synthesized arguments provide it. */
export interface ProtectionCheck {
  /** What is required, named after the Terraform argument, e.g. "deletion_protection". */
  readonly requirement: string;
  /** Whether the synthesized arguments provide the protection. */
  readonly satisfied: boolean;
  /** What was found; when unsatisfied, also how to fix it (in cdktf binding terms). */
  readonly detail: string;
}

/** A resource whose Terraform type is listed in {@link STATEFUL_RESOURCE_CHECKS}. */
export interface StatefulResource {
  /** Terraform resource type, e.g. `aws_rds_cluster`. */
  readonly type: string;
  /** The resource's name in the stack (cdktf's logical id). */
  readonly name: string;
  /** `type.name`, as in a Terraform plan. */
  readonly address: string;
  /** Every protection its type needs, satisfied or not. */
  readonly protections: readonly ProtectionCheck[];
}

/** One unsatisfied protection. */
export interface DataLossFinding {
  /** The unprotected resource's `type.name`. */
  readonly address: string;
  /** Its Terraform resource type. */
  readonly type: string;
  /** The missing protection, named after the Terraform argument, e.g. "deletion_protection". */
  readonly requirement: string;
  /** `address: what is wrong; how to fix it`. */
  readonly message: string;
}

/**
 * The protections one stateful type needs. `name` is the resource's logical name, for checks
 * that look for companion resources referencing it (e.g. a bucket's versioning resource).
 */
export type ProtectionCheckFn = (values: ResourceValues, stack: TerraformJson, name: string) => ProtectionCheck[];

// ---- Requirement helpers: each returns one ProtectionCheck -------------------------------

function check(requirement: string, satisfied: boolean, detail: string): ProtectionCheck {
  return { requirement, satisfied, detail };
}

/** `lifecycle { prevent_destroy = true }`, so Terraform refuses any plan that destroys the resource. */
function preventDestroy(values: ResourceValues): ProtectionCheck {
  return hasPreventDestroy(values)
    ? check("prevent_destroy", true, "lifecycle.prevent_destroy is true")
    : check("prevent_destroy", false, "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }");
}

/** A boolean argument that must be literally true (e.g. `deletion_protection`). */
function mustBeTrue(values: ResourceValues, argument: string): ProtectionCheck {
  return isTrue(values[argument])
    ? check(argument, true, `${argument} is true`)
    : check(argument, false, `${argument} is not true; set ${camelCase(argument)}: true`);
}

/** A boolean argument that must not be true (e.g. `force_destroy`, which empties the resource on destroy). */
function mustNotBeTrue(values: ResourceValues, argument: string): ProtectionCheck {
  return isTrue(values[argument])
    ? check(argument, false, `${argument} is true; set ${camelCase(argument)}: false`)
    : check(argument, true, `${argument} is not true`);
}

/**
 * RDS: a final snapshot is taken on delete, i.e. `skip_final_snapshot` is not true and
 * `final_snapshot_identifier` is set. `exemption` names why a resource needs none.
 */
function finalSnapshot(values: ResourceValues, exemption?: string): ProtectionCheck {
  if (exemption) return check("final_snapshot", true, `final snapshot not required: ${exemption}`);
  const skips = isTrue(values.skip_final_snapshot);
  const named = isSet(values.final_snapshot_identifier);
  if (!skips && named)
    return check("final_snapshot", true, "skip_final_snapshot is not true and final_snapshot_identifier is set");
  if (skips && !named) {
    return check(
      "final_snapshot",
      false,
      "skip_final_snapshot is true and final_snapshot_identifier is not set; set skipFinalSnapshot: false and a finalSnapshotIdentifier",
    );
  }
  return skips
    ? check("final_snapshot", false, "skip_final_snapshot is true; set skipFinalSnapshot: false")
    : check("final_snapshot", false, "final_snapshot_identifier is not set; set a finalSnapshotIdentifier");
}

/** A secondary cluster of an Aurora global database: its data lives on in the primary. */
function isGlobalSecondary(values: ResourceValues): boolean {
  return isSet(values.global_cluster_identifier) && !isSet(values.master_username);
}

/** KMS: `deletion_window_in_days` of at least 30 (AWS's default when unset). */
function kmsDeletionWindow(values: ResourceValues): ProtectionCheck {
  const requirement = "deletion_window_in_days";
  const raw = values[requirement];
  if (raw === undefined || raw === null)
    return check(requirement, true, "deletion_window_in_days is unset (AWS default 30)");
  const days = asNumber(raw);
  if (days === undefined)
    return check(
      requirement,
      false,
      `deletion_window_in_days is not a literal number (${String(raw)}); set deletionWindowInDays: 30`,
    );
  return days >= 30
    ? check(requirement, true, `deletion_window_in_days is ${days}`)
    : check(requirement, false, `deletion_window_in_days is ${days}, below 30; set deletionWindowInDays: 30`);
}

/** Secrets Manager: a recovery window of 7 to 30 days; 0 deletes the secret at once. */
function secretRecoveryWindow(values: ResourceValues): ProtectionCheck {
  const requirement = "recovery_window_in_days";
  const raw = values[requirement];
  if (raw === undefined || raw === null)
    return check(requirement, true, "recovery_window_in_days is unset (AWS default 30)");
  const days = asNumber(raw);
  if (days === undefined)
    return check(
      requirement,
      false,
      `recovery_window_in_days is not a literal number (${String(raw)}); set recoveryWindowInDays: 30`,
    );
  if (days === 0)
    return check(
      requirement,
      false,
      "recovery_window_in_days is 0, which deletes the secret immediately; set recoveryWindowInDays from 7 to 30",
    );
  return days >= 7
    ? check(requirement, true, `recovery_window_in_days is ${days}`)
    : check(requirement, false, `recovery_window_in_days is ${days}, below 7; set recoveryWindowInDays from 7 to 30`);
}

/** ElastiCache: a final snapshot on delete. */
function elasticacheFinalSnapshot(values: ResourceValues): ProtectionCheck {
  return isSet(values.final_snapshot_identifier)
    ? check("final_snapshot_identifier", true, "final_snapshot_identifier is set")
    : check("final_snapshot_identifier", false, "final_snapshot_identifier is not set; set a finalSnapshotIdentifier");
}

/** ElastiCache: automatic snapshots kept for at least a day (AWS's default is 0, none). */
function elasticacheSnapshotRetention(values: ResourceValues): ProtectionCheck {
  const days = asNumber(values.snapshot_retention_limit) ?? 0;
  return days > 0
    ? check("snapshot_retention_limit", true, `snapshot_retention_limit is ${days}`)
    : check(
        "snapshot_retention_limit",
        false,
        "snapshot_retention_limit is 0 or unset; set snapshotRetentionLimit to at least 1",
      );
}

/** CloudWatch Logs: prevent_destroy, or skip_destroy so a destroy leaves the log group in AWS. */
function logGroupRetained(values: ResourceValues): ProtectionCheck {
  if (hasPreventDestroy(values)) return check("prevent_destroy", true, "lifecycle.prevent_destroy is true");
  if (isTrue(values.skip_destroy))
    return check("prevent_destroy", true, "skip_destroy is true (destroy leaves the log group in AWS)");
  return check(
    "prevent_destroy",
    false,
    "lifecycle.prevent_destroy is not true and skip_destroy is not true; set lifecycle: { preventDestroy: true } or skipDestroy: true",
  );
}

/** DynamoDB: point-in-time recovery enabled. */
function pointInTimeRecovery(values: ResourceValues): ProtectionCheck {
  return isTrue(nestedBlock(values.point_in_time_recovery)?.enabled)
    ? check("point_in_time_recovery", true, "point_in_time_recovery is enabled")
    : check(
        "point_in_time_recovery",
        false,
        "point_in_time_recovery is not enabled; set pointInTimeRecovery: { enabled: true }",
      );
}

/**
 * S3: versioning enabled, by an `aws_s3_bucket_versioning` in the same stack whose `bucket`
 * references this bucket (`${aws_s3_bucket.NAME.id}` or `.bucket`, or repeats its literal name),
 * or by the legacy inline `versioning` block.
 */
function bucketVersioning(values: ResourceValues, stack: TerraformJson, name: string): ProtectionCheck {
  const pointers = new Set([reference("aws_s3_bucket", name, "id"), reference("aws_s3_bucket", name, "bucket")]);
  const literalName = values.bucket;
  if (typeof literalName === "string" && literalName !== "" && !literalName.includes("${")) pointers.add(literalName);

  const versionings = resourcesOfType(stack, "aws_s3_bucket_versioning").filter(
    ([, v]) => typeof v.bucket === "string" && pointers.has(v.bucket),
  );
  const statusOf = (v: ResourceValues) => nestedBlock(v.versioning_configuration)?.status;
  const enabling = versionings.find(([, v]) => statusOf(v) === "Enabled");
  if (enabling) return check("versioning", true, `versioning is Enabled by aws_s3_bucket_versioning.${enabling[0]}`);
  if (isTrue(nestedBlock(values.versioning)?.enabled))
    return check("versioning", true, "inline versioning block is enabled");

  const [other] = versionings;
  if (other) {
    return check(
      "versioning",
      false,
      `versioning is ${String(statusOf(other[1]) ?? "unset")} in aws_s3_bucket_versioning.${other[0]}; set versioningConfiguration: { status: "Enabled" }`,
    );
  }
  return check(
    "versioning",
    false,
    'no aws_s3_bucket_versioning in this stack enables versioning for this bucket; add one with versioningConfiguration: { status: "Enabled" }',
  );
}

// ---- The table ---------------------------------------------------------------------------

/** Stateful Terraform types and the protections each needs. Extend by adding an entry. */
export const STATEFUL_RESOURCE_CHECKS: Readonly<Record<string, ProtectionCheckFn>> = {
  aws_rds_cluster: (v) => [
    mustBeTrue(v, "deletion_protection"),
    finalSnapshot(
      v,
      isGlobalSecondary(v)
        ? "secondary cluster of a global database (global_cluster_identifier set, no master_username)"
        : undefined,
    ),
    preventDestroy(v),
  ],
  aws_rds_cluster_instance: (v) => [preventDestroy(v)],
  aws_db_instance: (v) => [
    mustBeTrue(v, "deletion_protection"),
    finalSnapshot(v, isSet(v.replicate_source_db) ? "read replica (replicate_source_db set)" : undefined),
    preventDestroy(v),
  ],
  aws_rds_global_cluster: (v) => [mustBeTrue(v, "deletion_protection"), preventDestroy(v)],
  aws_elasticache_replication_group: (v) => [
    elasticacheFinalSnapshot(v),
    elasticacheSnapshotRetention(v),
    preventDestroy(v),
  ],
  aws_kms_key: (v) => [kmsDeletionWindow(v), preventDestroy(v)],
  aws_s3_bucket: (v, stack, name) => [
    mustNotBeTrue(v, "force_destroy"),
    preventDestroy(v),
    bucketVersioning(v, stack, name),
  ],
  aws_cloudwatch_log_group: (v) => [logGroupRetained(v)],
  aws_secretsmanager_secret: (v) => [secretRecoveryWindow(v), preventDestroy(v)],
  aws_ecr_repository: (v) => [mustNotBeTrue(v, "force_delete"), preventDestroy(v)],
  aws_backup_vault: (v) => [mustNotBeTrue(v, "force_destroy"), preventDestroy(v)],
  // Its compliance lock keeps recovery points from early deletion, not the vault's resource from a replacement plan.
  aws_backup_logically_air_gapped_vault: (v) => [preventDestroy(v)],
  aws_route53_zone: (v) => [mustNotBeTrue(v, "force_destroy"), preventDestroy(v)],
  aws_dynamodb_table: (v) => [mustBeTrue(v, "deletion_protection_enabled"), pointInTimeRecovery(v), preventDestroy(v)],
  aws_efs_file_system: (v) => [preventDestroy(v)],
};

// ---- Queries -----------------------------------------------------------------------------

/** Every stateful resource in one synthesized stack with its protections, sorted by address. */
export function statefulResources(
  stack: TerraformJson,
  checks: Readonly<Record<string, ProtectionCheckFn>> = STATEFUL_RESOURCE_CHECKS,
): StatefulResource[] {
  const found: StatefulResource[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    const checkFn = Object.hasOwn(checks, type) ? checks[type] : undefined;
    if (!checkFn) continue;
    for (const [name, values] of Object.entries(byName)) {
      found.push({ type, name, address: `${type}.${name}`, protections: checkFn(values, stack, name) });
    }
  }
  return found.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Every unsatisfied protection in one stack, ordered by address. */
export function dataLossFindings(
  stack: TerraformJson,
  checks: Readonly<Record<string, ProtectionCheckFn>> = STATEFUL_RESOURCE_CHECKS,
): DataLossFinding[] {
  return statefulResources(stack, checks).flatMap((resource) =>
    resource.protections
      .filter((p) => !p.satisfied)
      .map((p) => ({
        address: resource.address,
        type: resource.type,
        requirement: p.requirement,
        message: `${resource.address}: ${p.detail}`,
      })),
  );
}

/**
 * Throws one Error listing every finding across the stacks (keyed by stack name) as
 * `stack: message` lines, stacks in name order. Returns quietly when there are none.
 */
export function assertNoDataLossRisk(stacks: Readonly<Record<string, TerraformJson>>): void {
  const lines = Object.keys(stacks)
    .sort()
    .flatMap((stackName) => dataLossFindings(stacks[stackName]!).map((f) => `${stackName}: ${f.message}`));
  if (lines.length === 0) return;
  const noun = lines.length === 1 ? "finding" : "findings";
  throw new Error([`Stateful resources at risk of data loss (${lines.length} ${noun}):`, ...lines].join("\n"));
}
