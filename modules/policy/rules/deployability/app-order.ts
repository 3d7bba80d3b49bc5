/**
 * Deployability checks: the apply order between stacks. A stack that uses, by a literal name or
 * ARN, something another stack creates must be applied after that stack. cdktf only records an
 * order for cross-stack references (which read the other stack's state); these names are
 * literals on purpose (a DR stack must plan while its primary region is down), so the order has
 * to be declared, and these checks prove it is.
 */
import type { ControlMapping } from "../../rule";
import { nestedBlock, resourcesOfType } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, SynthesizedApp } from "./rule";
import { appliedBefore, isLiteral, type Placement, stackPlacement } from "../../rule-helpers";

const CONTROLS: ControlMapping = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

/** Where each literal name is created: `key(name)` → [stack, address]. */
function owners(app: SynthesizedApp, type: string, keyOf: (values: Record<string, unknown>, placement: Placement) => string | undefined): Map<string, { stack: string; address: string }> {
  const found = new Map<string, { stack: string; address: string }>();
  for (const [stackName, stack] of Object.entries(app.stacks)) {
    const placement = stackPlacement(stack);
    for (const [name, values] of resourcesOfType(stack, type)) {
      const key = keyOf(values as Record<string, unknown>, placement);
      if (key !== undefined) found.set(key, { stack: stackName, address: `${type}.${name}` });
    }
  }
  return found;
}

/** A problem when `user` is not applied after the stack that owns what it names. */
function orderProblem(app: SynthesizedApp, user: { stack: string; address: string }, owner: { stack: string; address: string } | undefined, what: string): AppProblem[] {
  if (!owner || owner.stack === user.stack || appliedBefore(app, user.stack).has(owner.stack)) return [];
  return [{ stack: user.stack, address: user.address, message: `${what} is created by ${owner.stack} (${owner.address}), which is not among this stack's dependencies: declare the dependency so it is applied first` }];
}

/** SUMA-DEP-601: a global database member is applied after the stack that creates the global cluster. */
export const globalClusterCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-601",
  title: "A stack that joins an Aurora global cluster is applied after the stack that creates it",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["aws_rds_cluster"],
  constraint: "CreateDBCluster with a GlobalClusterIdentifier fails with GlobalClusterNotFoundFault when the global cluster does not exist yet.",
  source: { title: "Amazon RDS API Reference: CreateDBCluster, Errors (GlobalClusterNotFoundFault)", url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html" },
  rationale:
    "A DR secondary names its primary's global cluster by a literal identifier so that it plans without the primary region's state; nothing then orders it. " +
    "Fix: make the secondary's stack depend on the primary's (buildApp does this for every environment with drFor).",
  checkApp: (app) => {
    const globals = owners(app, "aws_rds_global_cluster", (v) => (isLiteral(v.global_cluster_identifier) ? v.global_cluster_identifier : undefined));
    return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_rds_cluster").flatMap(([name, values]) => {
        const id = values.global_cluster_identifier;
        if (!isLiteral(id)) return [];
        return orderProblem(app, { stack: stackName, address: `aws_rds_cluster.${name}` }, globals.get(id), `global cluster "${id}"`);
      }),
    );
  },
};

const VAULT_ARN = /^arn:[a-z-]+:backup:([a-z0-9-]+):(\d{12}):backup-vault:(.+)$/;

/** SUMA-DEP-602: a backup plan's copy destination exists before the plan that copies into it. */
export const copyVaultCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-602",
  title: "A backup plan's copy destination vault is created by a stack applied before the plan's",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["A1.2", "CC8.1"], cis: [] },
  resourceTypes: ["aws_backup_plan"],
  constraint:
    "A cross-Region copy needs a backup vault in the destination Region; a copy job into a vault that does not exist fails, and every scheduled run until it exists does too.",
  source: { title: "AWS Backup Developer Guide: Cross-Region backup (copy to a destination vault)", url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html" },
  rationale:
    "The primary's plan names its DR copy vault by ARN. If no stack creates that vault, or the stack that does is applied after the plan's, copies fail from the first backup on. " +
    "Fix: create the vault in a stack the plan's stack depends on (the DR region's shared stack).",
  checkApp: (app) => {
    const vaults = owners(app, "aws_backup_vault", (v, p) => (isLiteral(v.name) && p.region && p.accountId ? `${p.region}:${p.accountId}:${v.name}` : undefined));
    return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_backup_plan").flatMap(([name, values]) => {
        const rules = Array.isArray(values.rule) ? values.rule : [values.rule];
        const user = { stack: stackName, address: `aws_backup_plan.${name}` };
        return rules.flatMap((rule: unknown) => {
          const copies = (nestedBlock(rule)?.copy_action ?? []) as unknown;
          return (Array.isArray(copies) ? copies : [copies]).flatMap((copy: unknown) => {
            const arn = nestedBlock(copy)?.destination_vault_arn;
            const match = isLiteral(arn) ? VAULT_ARN.exec(arn) : null;
            if (!match) return [];
            const owner = vaults.get(`${match[1]}:${match[2]}:${match[3]}`);
            if (!owner) return [{ ...user, message: `copies into ${arn}, which no stack of this app creates` }];
            return orderProblem(app, user, owner, `copy destination ${arn}`);
          });
        });
      }),
    );
  },
};

const OIDC_ARN = /^arn:[a-z-]+:iam::(\d{12}):oidc-provider\/(.+)$/;

function federatedPrincipals(policy: unknown): string[] {
  if (typeof policy !== "string") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements = (parsed as { Statement?: unknown }).Statement;
  return (Array.isArray(statements) ? statements : [statements]).flatMap((s: unknown) => {
    const federated = (s as { Principal?: { Federated?: unknown } } | undefined)?.Principal?.Federated;
    return (Array.isArray(federated) ? federated : [federated]).filter((f): f is string => typeof f === "string");
  });
}

/** SUMA-DEP-603: a role trusting an OIDC provider by ARN is applied after the stack that creates the provider. */
export const oidcProviderCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-603",
  title: "A role that trusts an IAM OIDC provider by ARN is applied after the stack that creates the provider",
  severity: "error",
  controls: { pci: ["8.2.2"], soc2: ["CC6.1", "CC8.1"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "IAM refuses a trust policy whose Federated principal names an OIDC provider that does not exist in the account (MalformedPolicyDocument); the provider must be created before the role.",
  source: { title: "IAM User Guide: Create a role for OpenID Connect federation (prerequisite: the OIDC identity provider)", url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html" },
  rationale:
    "Deploy roles name the account's GitHub OIDC provider by its ARN, which follows from the account id, so that no stack reads another region's state for it. " +
    "Fix: make the role's stack depend on the stack that creates the provider (the account's primary shared stack).",
  checkApp: (app) => {
    const providers = owners(app, "aws_iam_openid_connect_provider", (v, p) =>
      isLiteral(v.url) && p.accountId ? `${p.accountId}:${v.url.replace(/^https:\/\//, "")}` : undefined,
    );
    return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_iam_role").flatMap(([name, values]) =>
        federatedPrincipals(values.assume_role_policy).flatMap((principal) => {
          const match = OIDC_ARN.exec(principal);
          if (!match) return [];
          return orderProblem(app, { stack: stackName, address: `aws_iam_role.${name}` }, providers.get(`${match[1]}:${match[2]}`), `OIDC provider ${principal}`);
        }),
      ),
    );
  },
};

/** SUMA-DEP-604: a stack whose S3 backend bucket another stack creates is applied after it. */
export const stateBucketCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-604",
  title: "A stack is applied after the stack that creates its S3 state bucket",
  severity: "error",
  controls: { pci: ["10.3.2"], soc2: ["CC8.1"], cis: [] },
  constraint: "terraform init with an S3 backend fails when the bucket does not exist; the backend does not create it.",
  source: { title: "Terraform: Backend type s3 (bucket must already exist)", url: "https://developer.hashicorp.com/terraform/language/backend/s3" },
  rationale:
    "Every stack but the state bootstrap keeps its state in a bucket a state stack creates. Without a declared dependency, cdktf may run the stack first and init fails. " +
    "Fix: make the stack depend on the state stack of its account and region (buildApp does).",
  checkApp: (app) => {
    const buckets = owners(app, "aws_s3_bucket", (v) => (isLiteral(v.bucket) ? v.bucket : undefined));
    return Object.entries(app.stacks).flatMap(([stackName, stack]) => {
      const bucket = (stack as { terraform?: { backend?: { s3?: { bucket?: unknown } } } }).terraform?.backend?.s3?.bucket;
      if (!isLiteral(bucket)) return [];
      return orderProblem(app, { stack: stackName, address: "terraform.backend.s3" }, buckets.get(bucket), `state bucket "${bucket}"`);
    });
  },
};

export const APP_ORDER_CHECKS: readonly DeployabilityAppCheck[] = [globalClusterCreatedFirst, copyVaultCreatedFirst, oidcProviderCreatedFirst, stateBucketCreatedFirst];
