/**
 * Deployability rules: KMS keys and the log groups AWS services write to (SUMA-DEP-701..719).
 * - 701: a key policy that limits use to ElastiCache through kms:ViaService also admits DAX.
 * - 702: a log group AWS would create for a cluster (Aurora log exports, Container Insights) is
 *   declared, with KMS and retention, before the cluster.
 * - 703: the Terraform state bucket pins its KMS key, and admits the key id the backend sends.
 * - 704: a bucket policy that pins a KMS key leaves uploads without the key header alone.
 * Pure: no cdktf import.
 */
import type { ControlMapping } from "../../rule";
import { asList, type ParsedStatement, statementsOf, stringsOf } from "../../rule-helpers";
import { asNumber, isSet, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule } from "./rule";

const KEYS: ControlMapping = { pci: ["3.5.1", "3.6.1", "6.5.1"], soc2: ["CC6.1", "CC8.1", "A1.2"], cis: [] };
const LOGS: ControlMapping = { pci: ["6.5.1", "10.3.2", "10.5.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: ["3.5"] };

const KMS_KEY_ID_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";


/** Every `[operator, values]` a statement's condition gives for one condition key (case-insensitive key). */
function conditionsOn(statement: ParsedStatement, key: string): Array<[string, unknown]> {
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return [];
  const found: Array<[string, unknown]> = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== "object" || block === null) continue;
    for (const [k, v] of Object.entries(block as Record<string, unknown>)) if (k.toLowerCase() === key.toLowerCase()) found.push([operator, v]);
  }
  return found;
}

export const elasticacheViaServiceAdmitsDax: DeployabilityRule = {
  id: "SUMA-DEP-701",
  title: "A key policy that admits ElastiCache through kms:ViaService admits DAX in the same region too",
  severity: "error",
  controls: KEYS,
  resourceTypes: ["aws_kms_key"],
  constraint:
    "ElastiCache uses a customer managed key for at-rest encryption through both the elasticache and the dax service endpoints: a key " +
    "policy that limits use with kms:ViaService must list dax.<region>.amazonaws.com as well as elasticache.<region>.amazonaws.com.",
  source: {
    title: "Amazon ElastiCache User Guide: At-Rest Encryption in ElastiCache, Using customer managed keys from AWS KMS",
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html#using-customer-managed-keys-for-elasticache-security",
  },
  rationale:
    "Without dax the key policy denies the calls ElastiCache makes through it, so creating the encrypted cache or taking its snapshots " +
    "fails. Fix: list dax next to elasticache (EncryptionKey usage { kind: \"via-services\", services: [\"elasticache\"] } adds it).",
  check: ({ values }) =>
    statementsOf(values.policy).flatMap((statement) =>
      conditionsOn(statement, "kms:ViaService").flatMap(([, listed]) => {
        const services = stringsOf(listed);
        return services
          .filter((s) => s.startsWith("elasticache.") && !services.includes(`dax.${s.slice("elasticache.".length)}`))
          .map((s) => `statement ${JSON.stringify(statement.Sid ?? "(no Sid)")} admits ${s} in kms:ViaService but not ${`dax.${s.slice("elasticache.".length)}`}; ElastiCache cache creation and snapshots are denied`);
      }),
    ),
};

/** The log groups AWS creates on its own for one resource, if the stack doesn't declare them first. */
function awsNamedLogGroups(type: string, values: ResourceValues): string[] {
  if (type === "aws_rds_cluster" || type === "aws_db_instance") {
    const id = type === "aws_rds_cluster" ? values.cluster_identifier : values.identifier;
    if (typeof id !== "string" || id.includes("${")) return [];
    return stringsOf(values.enabled_cloudwatch_logs_exports).map((log) => `/aws/rds/${type === "aws_rds_cluster" ? "cluster" : "instance"}/${id}/${log}`);
  }
  if (type === "aws_ecs_cluster") {
    const name = values.name;
    const insights = asList(values.setting)
      .map((s) => nestedBlock(s))
      .find((s) => s?.name === "containerInsights")?.value;
    if (typeof name !== "string" || name.includes("${") || (insights !== "enabled" && insights !== "enhanced")) return [];
    return [`/aws/ecs/containerinsights/${name}/performance`];
  }
  return [];
}

export const awsCreatedLogGroupsDeclared: DeployabilityRule = {
  id: "SUMA-DEP-702",
  title: "A log group AWS would create for a cluster's logs is declared, with a KMS key and retention, before the cluster",
  severity: "error",
  controls: LOGS,
  resourceTypes: ["aws_rds_cluster", "aws_db_instance", "aws_ecs_cluster"],
  constraint:
    "RDS log exports write to /aws/rds/cluster/<cluster>/<log> (/aws/rds/instance/<instance>/<log>) and Container Insights to " +
    "/aws/ecs/containerinsights/<cluster>/performance; the service creates a missing group itself, without a KMS key and never expiring. " +
    "Declared later, the group already exists and Terraform's create fails with ResourceAlreadyExistsException.",
  source: {
    title: "Amazon Aurora User Guide: Publishing Aurora PostgreSQL logs to Amazon CloudWatch Logs (log groups); Amazon ECS Developer Guide: Container Insights",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.CloudWatch.html",
  },
  rationale:
    "An AWS-created group holds database and task logs unencrypted by the logs key and forever, and adopting it later means an import " +
    "on every account. Fix: declare the group with kms_key_id and retention_in_days and put it in the cluster's depends_on " +
    "(AuroraPostgresCluster logs, ServiceCluster logs).",
  check: ({ type, values, stack }) => {
    const groups = resourcesOfType(stack, "aws_cloudwatch_log_group");
    const dependsOn = stringsOf(values.depends_on);
    return awsNamedLogGroups(type, values).flatMap((expected) => {
      const declared = groups.find(([, group]) => group.name === expected);
      if (!declared) return [`writes to ${expected}, which no aws_cloudwatch_log_group of the stack declares: AWS would create it without KMS or retention`];
      const [groupName, group] = declared;
      const problems: string[] = [];
      if (!isSet(group.kms_key_id)) problems.push(`log group ${expected} (aws_cloudwatch_log_group.${groupName}) has no kms_key_id`);
      const retention = asNumber(group.retention_in_days);
      if (group.retention_in_days === undefined || retention === 0) problems.push(`log group ${expected} (aws_cloudwatch_log_group.${groupName}) has no retention_in_days: it would never expire`);
      if (!dependsOn.includes(`aws_cloudwatch_log_group.${groupName}`)) {
        problems.push(`depends_on lacks aws_cloudwatch_log_group.${groupName} (${expected}): the service could create the group first and Terraform's create would then fail`);
      }
      return problems;
    });
  },
};

/** Deny statements on PutObject that test the SSE-KMS key id header with a negated operator. */
function keyPinningDenies(policy: unknown): Array<{ statement: ParsedStatement; operators: string[]; admitted: string[] }> {
  return statementsOf(policy)
    .filter((s) => s.Effect === "Deny" && stringsOf(s.Action).some((a) => a === "s3:PutObject" || a === "s3:*" || a === "*"))
    .map((statement) => {
      const negated = conditionsOn(statement, KMS_KEY_ID_HEADER).filter(([operator]) => /^String(Not)(Equals|Like)/i.test(operator) || /^ArnNot/i.test(operator));
      return { statement, operators: negated.map(([o]) => o), admitted: negated.flatMap(([, v]) => stringsOf(v)) };
    })
    .filter((d) => d.operators.length > 0);
}

export const keyPinLeavesDefaultUploads: DeployabilityRule = {
  id: "SUMA-DEP-704",
  title: "A bucket policy that pins the SSE-KMS key id denies only uploads that carry the header",
  severity: "error",
  controls: KEYS,
  resourceTypes: ["aws_s3_bucket_policy"],
  constraint:
    "A negated condition operator (StringNotEquals, and any ...IfExists operator) on a key the request doesn't carry evaluates to true: " +
    "a Deny on s3:x-amz-server-side-encryption-aws-kms-key-id without Null \"false\" on the same key also denies every upload that sends no " +
    "key id and relies on the bucket's default encryption.",
  source: {
    title: "IAM User Guide: IAM JSON policy elements: Condition operators (...IfExists and the Null condition operator)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
  },
  rationale:
    "Writers that rely on default encryption (log deliveries, replication, a client that sends no key id) would be refused. Fix: add " +
    `Null { "${KMS_KEY_ID_HEADER}": "false" } to the Deny (StateBucket's denyOtherKmsKeys does).`,
  check: ({ values }) =>
    keyPinningDenies(values.policy)
      .filter(({ statement }) => !conditionsOn(statement, KMS_KEY_ID_HEADER).some(([operator, v]) => operator === "Null" && asList(v).map(String).includes("false")))
      .map(({ statement, operators }) => `statement ${JSON.stringify(statement.Sid ?? "(no Sid)")} denies PutObject with ${operators.join(", ")} on ${KMS_KEY_ID_HEADER} but no Null "false": uploads without the header (bucket default key) are denied too`),
};

/** What the checks read of a stack besides resources. */
interface StackWithBackend extends TerraformJson {
  readonly terraform?: { readonly backend?: { readonly s3?: Readonly<Record<string, unknown>> } };
}

/** Whether one value of a key-pinning condition admits the key id the backend sends. */
function admits(admitted: string, sent: string, stack: TerraformJson): boolean {
  if (admitted === sent) return true;
  const aliasRef = /^\$\{aws_kms_alias\.([^.]+)\.arn\}$/.exec(admitted)?.[1];
  if (aliasRef) {
    const name = stack.resource?.aws_kms_alias?.[aliasRef]?.name;
    return typeof name === "string" && /^arn:[^:]+:kms:[^:]+:\d{12}:alias\//.test(sent) && sent.endsWith(`:${name}`);
  }
  // A key ARN known only at apply time: it can match a backend that names the key by ARN.
  return /^\$\{aws_kms_key\.[^.]+\.arn\}$/.test(admitted) && /^arn:[^:]+:kms:[^:]+:\d{12}:key\//.test(sent);
}

export const stateBucketPinsBackendKey: DeployabilityAppCheck = {
  id: "SUMA-DEP-703",
  title: "The Terraform state bucket denies any KMS key but the state key, and admits the key id the S3 backend sends",
  severity: "error",
  controls: KEYS,
  constraint:
    "The S3 backend sends its kms_key_id as given (a key ARN or an alias ARN) in x-amz-server-side-encryption-aws-kms-key-id, and the " +
    "bucket policy's condition compares that header as sent: a pin that lists only the key ARN refuses a backend configured with the " +
    "alias ARN, and a bucket without a pin accepts state encrypted with aws/s3 or any other key.",
  source: {
    title: "Amazon S3 User Guide: Specifying server-side encryption with AWS KMS (SSE-KMS), Requiring SSE-KMS for all objects written to a bucket",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html",
  },
  rationale:
    "A pin that misses the backend's form fails every state write (the apply's changes are then untracked); no pin lets state leave the " +
    "state key's protection. Fix: deny PutObject unless the key id is the state key's ARN or its alias ARN (StateBucket does).",
  checkApp: ({ stacks }) => {
    const problems: AppProblem[] = [];
    const buckets = Object.entries(stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_s3_bucket").map(([name, values]) => ({ stackName, stack, name, bucket: values.bucket })),
    );
    const reported = new Set<string>();
    for (const [user, json] of Object.entries(stacks)) {
      const backend = (json as StackWithBackend).terraform?.backend?.s3;
      const sent = backend?.kms_key_id;
      if (!backend || typeof sent !== "string") continue;
      const owner = buckets.find((b) => b.bucket === backend.bucket);
      if (!owner) continue;
      const policies = resourcesOfType(owner.stack, "aws_s3_bucket_policy").filter(([, p]) => p.bucket === `\${aws_s3_bucket.${owner.name}.id}` || p.bucket === owner.bucket);
      const pins = policies.flatMap(([policyName, p]) => keyPinningDenies(p.policy).map((d) => ({ policyName, ...d })));
      const key = `${owner.stackName}|${String(owner.bucket)}|${sent}`;
      if (reported.has(key)) continue;
      reported.add(key);
      if (pins.length === 0) {
        problems.push({
          stack: owner.stackName,
          address: `aws_s3_bucket.${owner.name}`,
          message: `state bucket ${String(owner.bucket)} (backend of ${user}) has no Deny on ${KMS_KEY_ID_HEADER}: uploads encrypted with aws/s3 or any other KMS key are accepted`,
        });
        continue;
      }
      for (const pin of pins) {
        if (!pin.admitted.some((a) => admits(a, sent, owner.stack))) {
          problems.push({
            stack: owner.stackName,
            address: `aws_s3_bucket_policy.${pin.policyName}`,
            message: `statement ${JSON.stringify(pin.statement.Sid ?? "(no Sid)")} admits only ${pin.admitted.join(", ")}, but the backend of ${user} sends ${sent}: every state write is denied`,
          });
        }
      }
    }
    return problems;
  },
};

export const KEYS_AND_LOGS_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [elasticacheViaServiceAdmitsDax, awsCreatedLogGroupsDeclared, keyPinLeavesDefaultUploads];

export const KEYS_AND_LOGS_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [stateBucketPinsBackendKey];
