/**
 * The sections of an environment's architecture graph after the network (see `buildGraph`): each
 * adds the nodes and edges of one concern to the builder, in the order the diagram lists them.
 */
import type { Builder } from "./builder";
import type { NetworkPart } from "./network";
import {
  key,
  localRefs,
  oidcProvidersByArn,
  referencedStacks,
  regionOf,
  remoteRefs,
  resources,
  str,
  type Res,
  type TerraformJson,
} from "./terraform";

/** What every section reads: the builder, the environment stack and the stacks related to it. */
export interface GraphContext {
  readonly b: Builder;
  /** Name of the environment stack. */
  readonly env: string;
  readonly stack: TerraformJson;
  /** Every stack drawn, the environment's included, by name. */
  readonly all: Readonly<Record<string, TerraformJson>>;
  /** The other stacks' names. */
  readonly others: readonly string[];
  /** The environment stack's group. */
  readonly envGroup: string;
  /** Group for what runs inside the VPC. */
  readonly placeIn: string;
  readonly subnetEdges: NetworkPart["subnetEdges"];
  /** The environment's resources of a type. */
  local(type: string): Res[];
  /** The node id of one of the environment's resources, by `type.name` (undefined when it has no node). */
  localId(refKey: string): string | undefined;
}

/** Edge: the ALB and the WAF web ACL protecting it. */
export function addEdge({ b, local, localId, placeIn, envGroup, subnetEdges }: GraphContext): void {
  for (const lb of local("aws_lb")) {
    const id = b.node(lb, "load-balancer", `ALB ${str(lb.values.name) ?? lb.name}`, placeIn);
    subnetEdges(id, lb.values.subnets, "in");
  }
  const acls = local("aws_wafv2_web_acl");
  for (const acl of acls) b.node(acl, "waf", `WAF web ACL ${str(acl.values.name) ?? acl.name}`, envGroup);
  for (const assoc of local("aws_wafv2_web_acl_association")) {
    const acl = localRefs(assoc.values.web_acl_arn)[0];
    const target = localRefs(assoc.values.resource_arn)[0];
    b.edge(acl && localId(acl), target && localId(target), "protects");
  }
}

/** Compute: ECS clusters and services; returns the services, which later sections connect to. */
export function addCompute({ b, local, localId, placeIn, subnetEdges }: GraphContext): Res[] {
  for (const cluster of local("aws_ecs_cluster"))
    b.node(cluster, "ecs-cluster", `ECS cluster ${str(cluster.values.name) ?? cluster.name}`, placeIn);
  const services = local("aws_ecs_service");
  for (const service of services) {
    const id = b.node(service, "ecs-service", `ECS service ${str(service.values.name) ?? service.name}`, placeIn);
    for (const r of localRefs(service.values.cluster)) b.edge(localId(r), id, "runs");
    subnetEdges(id, (service.values.network_configuration as Record<string, unknown> | undefined)?.subnets, "tasks in");
    for (const lb of local("aws_lb")) b.edge(localId(key(lb)), id, "forwards");
  }
  return services;
}

/** The subnet ids of the subnet group of `type` that `value` references. */
function subnetsOfGroup({ local }: GraphContext, type: string, value: unknown): unknown {
  const ref = localRefs(value).find((r) => r.startsWith(`${type}.`));
  const group = ref ? local(type).find((g) => key(g) === ref) : undefined;
  return group?.values.subnet_ids;
}

/** Data: Aurora clusters, the global database this stack owns (with its secondaries elsewhere) or joins. */
export function addDatabases(ctx: GraphContext, services: readonly Res[]): void {
  const { b, local, localId, placeIn, subnetEdges } = ctx;
  for (const cluster of local("aws_rds_cluster")) {
    const id = b.node(
      cluster,
      "database",
      `Aurora ${str(cluster.values.engine) ?? ""} ${str(cluster.values.cluster_identifier) ?? cluster.name}`.replace(
        /\s+/g,
        " ",
      ),
      placeIn,
    );
    subnetEdges(id, subnetsOfGroup(ctx, "aws_db_subnet_group", cluster.values.db_subnet_group_name), "in");
    for (const service of services) b.edge(localId(key(service)), id, "SQL");
  }
  addOwnGlobalDatabases(ctx);
  addJoinedGlobalDatabases(ctx);
}

/** Global databases of this stack, and the secondaries that join them from other stacks (by identifier). */
function addOwnGlobalDatabases({ b, local, localId, envGroup, others, all }: GraphContext): void {
  for (const g of local("aws_rds_global_cluster")) {
    const id = b.node(
      g,
      "global-database",
      `Aurora global database ${str(g.values.global_cluster_identifier) ?? g.name}`,
      envGroup,
    );
    for (const r of localRefs(g.values.source_db_cluster_identifier)) b.edge(localId(r), id, "primary");
    for (const other of others) {
      for (const c of resources(other, all[other], "aws_rds_cluster")) {
        if (str(c.values.global_cluster_identifier) !== str(g.values.global_cluster_identifier)) continue;
        const sid = b.node(
          c,
          "database",
          `Aurora secondary ${str(c.values.cluster_identifier) ?? c.name}`,
          b.stackGroup(other),
        );
        b.edge(id, sid, "global database secondary");
      }
    }
  }
}

/** This stack's clusters that are secondaries of a global database another stack owns, with that stack's primary. */
function addJoinedGlobalDatabases({ b, env, all, local, localId }: GraphContext): void {
  const globalIdOf = new Map<string, string>();
  for (const stackName of Object.keys(all)) {
    for (const g of resources(stackName, all[stackName], "aws_rds_global_cluster")) {
      const gid = str(g.values.global_cluster_identifier);
      if (gid) globalIdOf.set(gid, `${stackName}/${key(g)}`);
    }
  }
  for (const cluster of local("aws_rds_cluster")) {
    const gid = str(cluster.values.global_cluster_identifier);
    const owner = gid ? globalIdOf.get(gid) : undefined;
    if (!gid || !owner || owner.startsWith(`${env}/`)) continue;
    const [ownerStack, ownerKey] = owner.split("/") as [string, string];
    const [type, name] = ownerKey.split(".") as [string, string];
    const g = resources(ownerStack, all[ownerStack], type).find((r) => r.name === name)!;
    const ownerGroup = b.stackGroup(ownerStack);
    const globalNode = b.node(g, "global-database", `Aurora global database ${gid}`, ownerGroup);
    for (const r of localRefs(g.values.source_db_cluster_identifier)) {
      const primary = resources(ownerStack, all[ownerStack], "aws_rds_cluster").find((c) => key(c) === r);
      if (primary)
        b.edge(
          b.node(
            primary,
            "database",
            `Aurora primary ${str(primary.values.cluster_identifier) ?? primary.name}`,
            ownerGroup,
          ),
          globalNode,
          "primary",
        );
    }
    b.edge(globalNode, localId(key(cluster)), "global database secondary");
  }
}

/** Data: the cache replication groups the services keep sessions in. */
export function addCache(ctx: GraphContext, services: readonly Res[]): void {
  const { b, local, localId, placeIn, subnetEdges } = ctx;
  for (const cache of local("aws_elasticache_replication_group")) {
    const engine = str(cache.values.engine) ?? "cache";
    const id = b.node(cache, "cache", `${engine} ${str(cache.values.replication_group_id) ?? cache.name}`, placeIn);
    subnetEdges(id, subnetsOfGroup(ctx, "aws_elasticache_subnet_group", cache.values.subnet_group_name), "in");
    for (const service of services) b.edge(localId(key(service)), id, "sessions");
  }
}

const vaultName = (arnOrName: string) => arnOrName.replace(/^.*:backup-vault:/, "");

/** Names of the vaults a backup plan copies to. */
const copyTargets = (plan: Res) =>
  [...JSON.stringify(plan.values.rule ?? []).matchAll(/"destination_vault_arn":"([^"]+)"/g)].map((m) =>
    vaultName(m[1]!),
  );

/** Backup: local vault and plan, copies to vaults in other stacks and from plans in other stacks (matched by vault name). */
export function addBackups({ b, env, all, others, local, localId, envGroup }: GraphContext): void {
  const findVault = (name: string) => {
    for (const s of Object.keys(all)) {
      const v = resources(s, all[s], "aws_backup_vault").find((r) => str(r.values.name) === name);
      if (v) return v;
    }
    return undefined;
  };
  for (const vault of local("aws_backup_vault"))
    b.node(vault, "backup-vault", `Backup vault ${str(vault.values.name) ?? vault.name}`, envGroup);
  for (const plan of local("aws_backup_plan")) {
    const id = b.node(plan, "backup-plan", `Backup plan ${str(plan.values.name) ?? plan.name}`, envGroup);
    for (const r of localRefs(plan.values.rule))
      if (r.startsWith("aws_backup_vault.")) b.edge(id, localId(r), "stores");
    for (const target of new Set(copyTargets(plan))) {
      const vault = findVault(target);
      if (!vault || vault.stack === env) continue;
      b.edge(
        id,
        b.node(vault, "backup-vault", `DR backup vault ${target}`, b.stackGroup(vault.stack)),
        "copy to DR vault",
      );
    }
  }
  for (const vault of local("aws_backup_vault")) {
    for (const other of others) {
      for (const plan of resources(other, all[other], "aws_backup_plan")) {
        if (!copyTargets(plan).includes(str(vault.values.name) ?? "")) continue;
        b.edge(
          b.node(plan, "backup-plan", `Backup plan ${str(plan.values.name) ?? plan.name}`, b.stackGroup(other)),
          localId(key(vault)),
          "copy to DR vault",
        );
      }
    }
  }
}

const failoverType = (r: Res) => str((r.values.failover_routing_policy as Record<string, unknown> | undefined)?.type);

/** DNS failover: this stack's failover records and their partners (same name) in other stacks. */
export function addDnsFailover({ b, all, others, local, localId, envGroup }: GraphContext): void {
  for (const record of local("aws_route53_record")) {
    const type = failoverType(record);
    if (!type) continue;
    const name = str(record.values.name) ?? record.name;
    const id = b.node(record, "dns-record", `Route 53 ${name} ${type}`, envGroup);
    for (const r of localRefs(record.values.alias)) if (r.startsWith("aws_lb.")) b.edge(id, localId(r), "alias");
    for (const other of others) {
      for (const peer of resources(other, all[other], "aws_route53_record")) {
        const peerType = failoverType(peer);
        if (!peerType || str(peer.values.name) !== name) continue;
        const pid = b.node(peer, "dns-record", `Route 53 ${name} ${peerType}`, b.stackGroup(other));
        if (type === "PRIMARY") b.edge(id, pid, "fails over to");
        else b.edge(pid, id, "fails over to");
      }
    }
  }
}

/** The ECR repositories of the shared stacks this environment references, their replicas, and who pulls. */
export function addRegistries(ctx: GraphContext, services: readonly Res[]): void {
  const { b, all, stack, local, localId } = ctx;
  const shared = referencedStacks(stack).filter((s) => all[s]);
  for (const s of shared) {
    for (const repo of resources(s, all[s], "aws_ecr_repository")) {
      b.node(
        repo,
        "container-registry",
        `ECR ${str(repo.values.name) ?? repo.name} ${regionOf(all[s]) ?? ""}`.trim(),
        b.stackGroup(s),
      );
    }
  }
  for (const s of shared) addReplication(ctx, s);
  for (const td of local("aws_ecs_task_definition")) {
    for (const repo of remoteRefs(td.values.container_definitions, all).filter(
      (r) => r.type === "aws_ecr_repository",
    )) {
      for (const service of services) b.edge(localId(key(service)), b.idOf(repo.stack, key(repo)), "pulls image");
    }
  }
}

/** ECR replication of a shared stack: each repository to the repository of the same name in the stack of each destination region, if synthesized. */
function addReplication({ b, all }: GraphContext, s: string): void {
  for (const repl of resources(s, all[s], "aws_ecr_replication_configuration")) {
    const rules = JSON.stringify(repl.values.replication_configuration ?? {});
    const regions = [...rules.matchAll(/"region":"([^"]+)"/g)].map((m) => m[1]!);
    const sources = resources(s, all[s], "aws_ecr_repository");
    for (const region of new Set(regions)) {
      for (const source of sources) {
        const target = Object.keys(all)
          .filter((o) => o !== s && regionOf(all[o]) === region)
          .flatMap((o) => resources(o, all[o], "aws_ecr_repository"))
          .find((r) => str(r.values.name) === str(source.values.name));
        const sourceId = b.node(
          source,
          "container-registry",
          `ECR ${str(source.values.name) ?? source.name} ${regionOf(all[s]) ?? ""}`.trim(),
          b.stackGroup(s),
        );
        if (target) {
          const targetId = b.node(
            target,
            "container-registry",
            `ECR ${str(target.values.name) ?? target.name} ${region}`,
            b.stackGroup(target.stack),
          );
          b.edge(sourceId, targetId, `ECR replication to ${region}`);
        }
      }
    }
  }
}

/** GitHub → OIDC provider → deploy role → service. */
export function addGithubDeployPath(ctx: GraphContext, services: readonly Res[]): void {
  const { b, all, local, localId, envGroup } = ctx;
  const github = Object.keys(all).find((s) => resources(s, all[s], "github_repository").length > 0);
  for (const role of local("aws_iam_role").filter((r) => (str(r.values.name) ?? "").endsWith("-github-deploy"))) {
    const roleId = b.node(role, "iam-role", `IAM role ${str(role.values.name)}`, envGroup);
    for (const service of services) b.edge(roleId, localId(key(service)), "deploys");
    const providers = [
      ...remoteRefs(role.values.assume_role_policy, all).filter((r) => r.type === "aws_iam_openid_connect_provider"),
      ...oidcProvidersByArn(role.values.assume_role_policy, all),
    ];
    for (const provider of providers) {
      const host = (str(provider.values.url) ?? "").replace(/^https:\/\//, "");
      const providerId = b.node(provider, "oidc-provider", `OIDC provider ${host}`, b.stackGroup(provider.stack));
      b.edge(providerId, roleId, "AssumeRoleWithWebIdentity");
      if (github) addGithubEnvironments(ctx, github, role, providerId);
    }
  }
}

/** The repositories and environments a deploy role's trust names (`repo:<org>/<repo>:environment:<env>`), each pointing at the OIDC provider. */
function addGithubEnvironments({ b, all }: GraphContext, github: string, role: Res, providerId: string): void {
  const subjects = [
    ...(str(role.values.assume_role_policy) ?? "").matchAll(/repo:[^/"]+\/([^:"]+):environment:([^"]+)/g),
  ];
  for (const [, repoName, envName] of subjects) {
    const repo = resources(github, all[github], "github_repository").find((r) => str(r.values.name) === repoName);
    if (!repo) continue;
    const githubGroup = b.stackGroup(github);
    const repoId = b.node(repo, "github-repository", `GitHub repository ${repoName}`, githubGroup);
    const environment = resources(github, all[github], "github_repository_environment").find(
      (e) => str(e.values.environment) === envName,
    );
    if (environment) {
      const envId = b.node(environment, "github-environment", `GitHub environment ${envName}`, githubGroup);
      b.edge(repoId, envId, "deploy job", "beside");
      b.edge(envId, providerId, "OIDC token");
    } else {
      b.edge(repoId, providerId, "OIDC token");
    }
  }
}
