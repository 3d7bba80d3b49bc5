/**
 * Builds an architecture graph from synthesized Terraform JSON (cdktf `cdk.tf.json`).
 *
 * Pure TypeScript with no cdktf import: it reads resources by type and follows the
 * `${type.name.attr}` references and the cdktf cross-stack remote-state references between
 * them. Labels are the real resource names, so the diagram changes when the stacks change.
 */

import { Builder } from "./builder";
import { addNetwork } from "./network";
import { key, localRefs, oidcProvidersByArn, referencedStacks, regionOf, remoteRefs, resources, str, type Res, type TerraformJson } from "./terraform";

export { safeId, stackKeys } from "./builder";
export type { TerraformJson } from "./terraform";

export type NodeKind =
  | "vpc-endpoint"
  | "subnet"
  | "nat-gateway"
  | "load-balancer"
  | "waf"
  | "ecs-cluster"
  | "ecs-service"
  | "database"
  | "global-database"
  | "cache"
  | "backup-vault"
  | "backup-plan"
  | "dns-record"
  | "container-registry"
  | "oidc-provider"
  | "iam-role"
  | "github-repository"
  | "github-environment";

export type GroupKind = "stack" | "vpc" | "tier";

export interface DiagramNode {
  /** Identifier safe for Mermaid and DOT: `[A-Za-z0-9_]+`, never a keyword. */
  readonly id: string;
  /** The real resource name, e.g. the ALB name or the Aurora cluster identifier. */
  readonly label: string;
  readonly kind: NodeKind;
  /** The innermost group holding the node, if any. */
  readonly group?: string;
  /** The availability zone the node stands for, if one (a tier's subnets there, a NAT gateway). */
  readonly az?: string;
}

/**
 * How a layered layout (Graphviz `dot`) may place an edge's ends:
 * - `flow`: `to` comes after `from`, as a request or a copy travels.
 * - `beside`: both ends share a layer, e.g. a load balancer and the subnets it sits in, so
 *   each tier lines up with what runs in it.
 * - `loose`: drawn without ordering its ends, e.g. a return path such as NAT egress.
 */
export type EdgeLayout = "flow" | "beside" | "loose";

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** @default "flow" */
  readonly layout?: EdgeLayout;
}

export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  readonly kind: GroupKind;
  /** Parent group: tier ⊂ VPC ⊂ stack. */
  readonly parent?: string;
}

export interface DiagramGraph {
  readonly title: string;
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
  readonly groups: DiagramGroup[];
}

export interface GraphInput {
  /** Name of the environment stack, e.g. `suma-auth-prod`. */
  readonly stackName: string;
  readonly stack: TerraformJson;
  /**
   * Other stacks of the app by name (shared, GitHub, peer environments). Only the ones the
   * environment references, or that point at it (global database, backup copy, failover), are drawn.
   */
  readonly related?: Readonly<Record<string, TerraformJson>>;
}

/**
 * The architecture graph of one environment stack: network (VPC > subnet tier > a node per AZ),
 * edge (ALB, WAF, DNS), compute (ECS), data (Aurora, cache), DR links and the GitHub deploy path.
 * Ids are readable and stable: see `Builder`.
 */
export function buildGraph(input: GraphInput): DiagramGraph {
  const { stackName: env, stack } = input;
  const all: Record<string, TerraformJson> = { ...(input.related ?? {}), [env]: stack };
  const others = Object.keys(all).filter((n) => n !== env);
  const b = new Builder(all);
  const envGroup = b.stackGroup(env);
  const local = (type: string) => resources(env, stack, type);
  const localId = (refKey: string) => b.idOf(env, refKey);

  // Network: VPC > subnet tier > one node per AZ, with the NAT gateways; what sits in one tier joins it.
  const { placeIn, subnetEdges } = addNetwork(b, env, stack, envGroup);

  // Edge: ALB and WAF.
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

  // Compute: ECS.
  for (const cluster of local("aws_ecs_cluster")) b.node(cluster, "ecs-cluster", `ECS cluster ${str(cluster.values.name) ?? cluster.name}`, placeIn);
  const services = local("aws_ecs_service");
  for (const service of services) {
    const id = b.node(service, "ecs-service", `ECS service ${str(service.values.name) ?? service.name}`, placeIn);
    for (const r of localRefs(service.values.cluster)) b.edge(localId(r), id, "runs");
    subnetEdges(id, (service.values.network_configuration as Record<string, unknown> | undefined)?.subnets, "tasks in");
    for (const lb of local("aws_lb")) b.edge(localId(key(lb)), id, "forwards");
  }

  // Data: Aurora (with its global database) and the cache.
  const subnetsOfGroup = (type: string, value: unknown): unknown => {
    const ref = localRefs(value).find((r) => r.startsWith(`${type}.`));
    const group = ref ? local(type).find((g) => key(g) === ref) : undefined;
    return group?.values.subnet_ids;
  };
  const globalIdOf = new Map<string, string>();
  for (const stackName of Object.keys(all)) {
    for (const g of resources(stackName, all[stackName], "aws_rds_global_cluster")) {
      const gid = str(g.values.global_cluster_identifier);
      if (gid) globalIdOf.set(gid, `${stackName}/${key(g)}`);
    }
  }
  const clusters = local("aws_rds_cluster");
  for (const cluster of clusters) {
    const id = b.node(cluster, "database", `Aurora ${str(cluster.values.engine) ?? ""} ${str(cluster.values.cluster_identifier) ?? cluster.name}`.replace(/\s+/g, " "), placeIn);
    subnetEdges(id, subnetsOfGroup("aws_db_subnet_group", cluster.values.db_subnet_group_name), "in");
    for (const service of services) b.edge(localId(key(service)), id, "SQL");
  }
  for (const g of local("aws_rds_global_cluster")) {
    const id = b.node(g, "global-database", `Aurora global database ${str(g.values.global_cluster_identifier) ?? g.name}`, envGroup);
    for (const r of localRefs(g.values.source_db_cluster_identifier)) b.edge(localId(r), id, "primary");
    // Secondaries in other stacks join this global cluster by identifier.
    for (const other of others) {
      for (const c of resources(other, all[other], "aws_rds_cluster")) {
        if (str(c.values.global_cluster_identifier) !== str(g.values.global_cluster_identifier)) continue;
        const sid = b.node(c, "database", `Aurora secondary ${str(c.values.cluster_identifier) ?? c.name}`, b.stackGroup(other));
        b.edge(id, sid, "global database secondary");
      }
    }
  }
  for (const cluster of clusters) {
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
      if (primary) b.edge(b.node(primary, "database", `Aurora primary ${str(primary.values.cluster_identifier) ?? primary.name}`, ownerGroup), globalNode, "primary");
    }
    b.edge(globalNode, localId(key(cluster)), "global database secondary");
  }
  for (const cache of local("aws_elasticache_replication_group")) {
    const engine = str(cache.values.engine) ?? "cache";
    const id = b.node(cache, "cache", `${engine} ${str(cache.values.replication_group_id) ?? cache.name}`, placeIn);
    subnetEdges(id, subnetsOfGroup("aws_elasticache_subnet_group", cache.values.subnet_group_name), "in");
    for (const service of services) b.edge(localId(key(service)), id, "sessions");
  }

  // Backup: local vault and plan, copies to vaults in other stacks (matched by vault name).
  const vaultName = (arnOrName: string) => arnOrName.replace(/^.*:backup-vault:/, "");
  const findVault = (name: string) => {
    for (const s of Object.keys(all)) {
      const v = resources(s, all[s], "aws_backup_vault").find((r) => str(r.values.name) === name);
      if (v) return v;
    }
    return undefined;
  };
  for (const vault of local("aws_backup_vault")) b.node(vault, "backup-vault", `Backup vault ${str(vault.values.name) ?? vault.name}`, envGroup);
  const copyTargets = (plan: Res) =>
    [...JSON.stringify(plan.values.rule ?? []).matchAll(/"destination_vault_arn":"([^"]+)"/g)].map((m) => vaultName(m[1]!));
  for (const plan of local("aws_backup_plan")) {
    const id = b.node(plan, "backup-plan", `Backup plan ${str(plan.values.name) ?? plan.name}`, envGroup);
    for (const r of localRefs(plan.values.rule)) if (r.startsWith("aws_backup_vault.")) b.edge(id, localId(r), "stores");
    for (const target of new Set(copyTargets(plan))) {
      const vault = findVault(target);
      if (!vault || vault.stack === env) continue;
      b.edge(id, b.node(vault, "backup-vault", `DR backup vault ${target}`, b.stackGroup(vault.stack)), "copy to DR vault");
    }
  }
  for (const vault of local("aws_backup_vault")) {
    for (const other of others) {
      for (const plan of resources(other, all[other], "aws_backup_plan")) {
        if (!copyTargets(plan).includes(str(vault.values.name) ?? "")) continue;
        b.edge(b.node(plan, "backup-plan", `Backup plan ${str(plan.values.name) ?? plan.name}`, b.stackGroup(other)), localId(key(vault)), "copy to DR vault");
      }
    }
  }

  // DNS failover: this stack's records and their partners (same name) in other stacks.
  const failoverType = (r: Res) => str((r.values.failover_routing_policy as Record<string, unknown> | undefined)?.type);
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

  // Shared stacks this environment references: ECR (with replication) and the GitHub OIDC provider.
  const shared = referencedStacks(stack).filter((s) => all[s]);
  const repoNodes: { res: Res; id: string }[] = [];
  for (const s of shared) {
    for (const repo of resources(s, all[s], "aws_ecr_repository")) {
      repoNodes.push({ res: repo, id: b.node(repo, "container-registry", `ECR ${str(repo.values.name) ?? repo.name} ${regionOf(all[s]) ?? ""}`.trim(), b.stackGroup(s)) });
    }
  }
  for (const s of shared) {
    for (const repl of resources(s, all[s], "aws_ecr_replication_configuration")) {
      const rules = JSON.stringify(repl.values.replication_configuration ?? {});
      const regions = [...rules.matchAll(/"region":"([^"]+)"/g)].map((m) => m[1]!);
      const sources = resources(s, all[s], "aws_ecr_repository");
      for (const region of new Set(regions)) {
        // The replica is the repository of the same name in the shared stack of that region, if synthesized.
        for (const source of sources) {
          const target = Object.keys(all)
            .filter((o) => o !== s && regionOf(all[o]) === region)
            .flatMap((o) => resources(o, all[o], "aws_ecr_repository"))
            .find((r) => str(r.values.name) === str(source.values.name));
          const sourceId = b.node(source, "container-registry", `ECR ${str(source.values.name) ?? source.name} ${regionOf(all[s]) ?? ""}`.trim(), b.stackGroup(s));
          if (target) {
            const targetId = b.node(target, "container-registry", `ECR ${str(target.values.name) ?? target.name} ${region}`, b.stackGroup(target.stack));
            b.edge(sourceId, targetId, `ECR replication to ${region}`);
          }
        }
      }
    }
  }
  for (const td of local("aws_ecs_task_definition")) {
    for (const repo of remoteRefs(td.values.container_definitions, all).filter((r) => r.type === "aws_ecr_repository")) {
      for (const service of services) b.edge(localId(key(service)), b.idOf(repo.stack, key(repo)), "pulls image");
    }
  }

  // GitHub → OIDC provider → deploy role.
  const github = Object.keys(all).find((s) => resources(s, all[s], "github_repository").length > 0);
  for (const role of local("aws_iam_role").filter((r) => (str(r.values.name) ?? "").endsWith("-github-deploy"))) {
    const roleId = b.node(role, "iam-role", `IAM role ${str(role.values.name)}`, envGroup);
    for (const service of services) b.edge(roleId, localId(key(service)), "deploys");
    const providers = [...remoteRefs(role.values.assume_role_policy, all).filter((r) => r.type === "aws_iam_openid_connect_provider"), ...oidcProvidersByArn(role.values.assume_role_policy, all)];
    for (const provider of providers) {
      const host = (str(provider.values.url) ?? "").replace(/^https:\/\//, "");
      const providerId = b.node(provider, "oidc-provider", `OIDC provider ${host}`, b.stackGroup(provider.stack));
      b.edge(providerId, roleId, "AssumeRoleWithWebIdentity");
      // The trust policy's subject names the repository and environment: repo:<org>/<repo>:environment:<env>.
      const subjects = [...(str(role.values.assume_role_policy) ?? "").matchAll(/repo:[^/"]+\/([^:"]+):environment:([^"]+)/g)];
      if (!github) continue;
      for (const [, repoName, envName] of subjects) {
        const repo = resources(github, all[github], "github_repository").find((r) => str(r.values.name) === repoName);
        if (!repo) continue;
        const githubGroup = b.stackGroup(github);
        const repoId = b.node(repo, "github-repository", `GitHub repository ${repoName}`, githubGroup);
        const environment = resources(github, all[github], "github_repository_environment").find((e) => str(e.values.environment) === envName);
        if (environment) {
          const envId = b.node(environment, "github-environment", `GitHub environment ${envName}`, githubGroup);
          b.edge(repoId, envId, "deploy job", "beside");
          b.edge(envId, providerId, "OIDC token");
        } else {
          b.edge(repoId, providerId, "OIDC token");
        }
      }
    }
  }

  return b.finish(`${env} architecture`);
}
