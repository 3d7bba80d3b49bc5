/**
 * Builds an architecture graph from synthesized Terraform JSON (cdktf `cdk.tf.json`).
 *
 * Pure TypeScript with no cdktf import: it reads resources by type and follows the
 * `${type.name.attr}` references and the cdktf cross-stack remote-state references between
 * them. Labels are the real resource names, so the diagram changes when the stacks change.
 */

/** The parts of a synthesized stack this module reads. */
export interface TerraformJson {
  provider?: Record<string, unknown>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
}

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

export type GroupKind = "stack" | "vpc" | "az" | "tier";

export interface DiagramNode {
  /** Identifier safe for Mermaid and DOT: `[A-Za-z0-9_]+`, never a keyword. */
  readonly id: string;
  /** The real resource name, e.g. the ALB name or the Aurora cluster identifier. */
  readonly label: string;
  readonly kind: NodeKind;
  /** The innermost group holding the node, if any. */
  readonly group?: string;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  readonly kind: GroupKind;
  /** Parent group: tier ⊂ AZ ⊂ VPC ⊂ stack. */
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

interface Res {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

const LOCAL_REF = /\$\{(aws_[a-z0-9_]+|github_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\./g;
const REMOTE_REF = /cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.cross-stack-output-([A-Za-z0-9_-]+)/g;

/** Makes an identifier Mermaid and Graphviz accept unquoted. */
export function safeId(...parts: string[]): string {
  return parts.join("_").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

function resources(stackName: string, stack: TerraformJson | undefined, type: string): Res[] {
  return Object.entries(stack?.resource?.[type] ?? {}).map(([name, values]) => ({ stack: stackName, type, name, values }));
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function tags(res: Res): Record<string, string> {
  const t = res.values.tags;
  return t && typeof t === "object" ? (t as Record<string, string>) : {};
}

/** Local `${type.name.attr}` references inside a value, as `type.name` keys. */
function localRefs(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(LOCAL_REF)].map((m) => `${m[1]}.${m[2]}`);
}

function key(res: Res): string {
  return `${res.type}.${res.name}`;
}

/** Resolves a cross-stack output name such as `aws_iam_roleroles_deploy_ABCD1234arn` to its resource. */
function remoteRefs(value: unknown, stacks: Readonly<Record<string, TerraformJson>>): Res[] {
  const text = JSON.stringify(value ?? null);
  const found: Res[] = [];
  for (const m of text.matchAll(REMOTE_REF)) {
    const stackName = m[1]!;
    const output = m[2]!;
    const stack = stacks[stackName];
    for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
      if (!output.startsWith(type)) continue;
      const rest = output.slice(type.length);
      const name = Object.keys(byName).find((n) => rest.startsWith(n));
      if (name) found.push({ stack: stackName, type, name, values: byName[name]! });
    }
  }
  return found;
}

/**
 * IAM OIDC providers a policy names by literal ARN (`arn:<partition>:iam::<account>:oidc-provider/<host>`):
 * the provider of that URL in a stack pinned to that account. Environment stacks trust the
 * account's GitHub provider by its ARN rather than a reference into the creating stack's state.
 */
function oidcProvidersByArn(value: unknown, stacks: Readonly<Record<string, TerraformJson>>): Res[] {
  const text = JSON.stringify(value ?? null);
  const found: Res[] = [];
  for (const m of text.matchAll(/arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/([^"\\]+)/g)) {
    for (const [stackName, stack] of Object.entries(stacks)) {
      const aws = stack.provider?.aws;
      const first = Array.isArray(aws) ? (aws[0] as Record<string, unknown> | undefined) : undefined;
      const accounts = first?.allowed_account_ids;
      if (!Array.isArray(accounts) || !accounts.includes(m[1])) continue;
      for (const [name, values] of Object.entries(stack.resource?.aws_iam_openid_connect_provider ?? {})) {
        if ((str(values.url) ?? "").replace(/^https:\/\//, "") === m[2]) found.push({ stack: stackName, type: "aws_iam_openid_connect_provider", name, values });
      }
    }
  }
  return found;
}

function referencedStacks(stack: TerraformJson): string[] {
  const text = JSON.stringify(stack);
  return [...new Set([...text.matchAll(REMOTE_REF)].map((m) => m[1]!))].sort();
}

function regionOf(stack: TerraformJson | undefined): string | undefined {
  const aws = stack?.provider?.aws;
  const first = Array.isArray(aws) ? (aws[0] as Record<string, unknown> | undefined) : undefined;
  return str(first?.region);
}

class Builder {
  readonly nodes = new Map<string, DiagramNode>();
  readonly edges: DiagramEdge[] = [];
  readonly groups = new Map<string, DiagramGroup>();
  private readonly byResource = new Map<string, string>();

  group(group: DiagramGroup): string {
    if (!this.groups.has(group.id)) this.groups.set(group.id, group);
    return group.id;
  }

  stackGroup(stackName: string, stacks: Readonly<Record<string, TerraformJson>>): string {
    const region = regionOf(stacks[stackName]);
    return this.group({ id: safeId("g", stackName), label: region ? `${stackName} (${region})` : stackName, kind: "stack" });
  }

  node(res: Res, kind: NodeKind, label: string, group?: string): string {
    const id = safeId("n", res.stack, res.type, res.name);
    if (!this.nodes.has(id)) this.nodes.set(id, { id, label, kind, ...(group ? { group } : {}) });
    this.byResource.set(`${res.stack}/${key(res)}`, id);
    return id;
  }

  idOf(stack: string, resourceKey: string): string | undefined {
    return this.byResource.get(`${stack}/${resourceKey}`);
  }

  edge(from: string | undefined, to: string | undefined, label?: string): void {
    if (!from || !to || from === to) return;
    if (this.edges.some((e) => e.from === from && e.to === to && e.label === label)) return;
    this.edges.push({ from, to, ...(label ? { label } : {}) });
  }
}

/**
 * The architecture graph of one environment stack: network (VPC > AZ > tier), edge (ALB, WAF,
 * DNS), compute (ECS), data (Aurora, cache), DR links and the GitHub deploy path.
 */
export function buildGraph(input: GraphInput): DiagramGraph {
  const { stackName: env, stack } = input;
  const all: Record<string, TerraformJson> = { ...(input.related ?? {}), [env]: stack };
  const others = Object.keys(all).filter((n) => n !== env);
  const b = new Builder();
  const envGroup = b.stackGroup(env, all);
  const local = (type: string) => resources(env, stack, type);
  const localId = (refKey: string) => b.idOf(env, refKey);

  // Network: VPC > AZ > tier > subnet.
  const vpcs = local("aws_vpc");
  const vpcGroupOf = new Map<string, string>();
  for (const vpc of vpcs) {
    const cidr = str(vpc.values.cidr_block);
    const name = tags(vpc).Name ?? vpc.name;
    vpcGroupOf.set(key(vpc), b.group({ id: safeId("g", env, "vpc", vpc.name), label: `VPC ${name}${cidr ? ` ${cidr}` : ""}`, kind: "vpc", parent: envGroup }));
  }
  const defaultVpcGroup = vpcGroupOf.values().next().value as string | undefined;
  const subnetGroup = new Map<string, string>();
  const subnets = local("aws_subnet").sort((a, c) => `${a.values.availability_zone}`.localeCompare(`${c.values.availability_zone}`));
  for (const subnet of subnets) {
    const az = str(subnet.values.availability_zone) ?? "unknown-az";
    const tier = tags(subnet).tier ?? "untiered";
    const vpcGroup = localRefs(subnet.values.vpc_id).map((r) => vpcGroupOf.get(r)).find(Boolean) ?? defaultVpcGroup ?? envGroup;
    const azGroup = b.group({ id: safeId(vpcGroup, "az", az), label: `AZ ${az}`, kind: "az", parent: vpcGroup });
    const tierGroup = b.group({ id: safeId(azGroup, tier), label: `${tier} ${az}`, kind: "tier", parent: azGroup });
    subnetGroup.set(key(subnet), tierGroup);
    const cidr = str(subnet.values.cidr_block);
    b.node(subnet, "subnet", `${tags(subnet).Name ?? subnet.name}${cidr ? ` ${cidr}` : ""}`, tierGroup);
  }
  for (const nat of local("aws_nat_gateway")) {
    const inSubnet = localRefs(nat.values.subnet_id)[0];
    const id = b.node(nat, "nat-gateway", `NAT ${tags(nat).Name ?? nat.name}`, (inSubnet && subnetGroup.get(inSubnet)) || defaultVpcGroup || envGroup);
    b.edge(id, inSubnet && localId(inSubnet), "in");
  }
  // Private subnets reach the internet through the NAT gateway of their route table.
  const natOfTable = new Map<string, string>();
  for (const table of local("aws_route_table")) {
    const nat = localRefs(table.values.route).find((r) => r.startsWith("aws_nat_gateway."));
    if (nat) natOfTable.set(key(table), nat);
  }
  for (const assoc of local("aws_route_table_association")) {
    const table = localRefs(assoc.values.route_table_id)[0];
    const subnet = localRefs(assoc.values.subnet_id)[0];
    const nat = table ? natOfTable.get(table) : undefined;
    if (nat && subnet) b.edge(localId(subnet), localId(nat), "egress");
  }
  const placeIn = defaultVpcGroup ?? envGroup;
  const subnetEdges = (from: string, value: unknown, label: string) => {
    for (const r of localRefs(value)) if (r.startsWith("aws_subnet.")) b.edge(from, localId(r), label);
  };

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
        const sid = b.node(c, "database", `Aurora secondary ${str(c.values.cluster_identifier) ?? c.name}`, b.stackGroup(other, all));
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
    const ownerGroup = b.stackGroup(ownerStack, all);
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
      b.edge(id, b.node(vault, "backup-vault", `DR backup vault ${target}`, b.stackGroup(vault.stack, all)), "copy to DR vault");
    }
  }
  for (const vault of local("aws_backup_vault")) {
    for (const other of others) {
      for (const plan of resources(other, all[other], "aws_backup_plan")) {
        if (!copyTargets(plan).includes(str(vault.values.name) ?? "")) continue;
        b.edge(b.node(plan, "backup-plan", `Backup plan ${str(plan.values.name) ?? plan.name}`, b.stackGroup(other, all)), localId(key(vault)), "copy to DR vault");
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
        const pid = b.node(peer, "dns-record", `Route 53 ${name} ${peerType}`, b.stackGroup(other, all));
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
      repoNodes.push({ res: repo, id: b.node(repo, "container-registry", `ECR ${str(repo.values.name) ?? repo.name} ${regionOf(all[s]) ?? ""}`.trim(), b.stackGroup(s, all)) });
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
          const sourceId = b.node(source, "container-registry", `ECR ${str(source.values.name) ?? source.name} ${regionOf(all[s]) ?? ""}`.trim(), b.stackGroup(s, all));
          if (target) {
            const targetId = b.node(target, "container-registry", `ECR ${str(target.values.name) ?? target.name} ${region}`, b.stackGroup(target.stack, all));
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
      const providerId = b.node(provider, "oidc-provider", `OIDC provider ${host}`, b.stackGroup(provider.stack, all));
      b.edge(providerId, roleId, "AssumeRoleWithWebIdentity");
      // The trust policy's subject names the repository and environment: repo:<org>/<repo>:environment:<env>.
      const subjects = [...(str(role.values.assume_role_policy) ?? "").matchAll(/repo:[^/"]+\/([^:"]+):environment:([^"]+)/g)];
      if (!github) continue;
      for (const [, repoName, envName] of subjects) {
        const repo = resources(github, all[github], "github_repository").find((r) => str(r.values.name) === repoName);
        if (!repo) continue;
        const githubGroup = b.stackGroup(github, all);
        const repoId = b.node(repo, "github-repository", `GitHub repository ${repoName}`, githubGroup);
        const environment = resources(github, all[github], "github_repository_environment").find((e) => str(e.values.environment) === envName);
        if (environment) {
          const envId = b.node(environment, "github-environment", `GitHub environment ${envName}`, githubGroup);
          b.edge(repoId, envId, "deploy job");
          b.edge(envId, providerId, "OIDC token");
        } else {
          b.edge(repoId, providerId, "OIDC token");
        }
      }
    }
  }

  // Keep only groups that hold something (directly or through a child).
  const used = new Set<string>();
  for (const node of b.nodes.values()) {
    let g = node.group;
    while (g && !used.has(g)) {
      used.add(g);
      g = b.groups.get(g)?.parent;
    }
  }
  return {
    title: `${env} architecture`,
    nodes: [...b.nodes.values()],
    edges: b.edges,
    groups: [...b.groups.values()].filter((g) => used.has(g.id)),
  };
}
