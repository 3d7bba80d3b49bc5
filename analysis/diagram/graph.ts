/**
 * Builds an architecture graph from synthesized Terraform JSON (cdktf `cdk.tf.json`).
 *
 * Pure TypeScript with no cdktf import: it reads resources by type and follows the
 * `${type.name.attr}` references and the cdktf cross-stack remote-state references between
 * them. Labels are the real resource names, so the diagram changes when the stacks change.
 */

import { Builder } from "./builder";
import { addNetwork } from "./network";
import {
  addBackups,
  addCache,
  addCompute,
  addDatabases,
  addDnsFailover,
  addEdge,
  addGithubDeployPath,
  addRegistries,
  type GraphContext,
} from "./sections";
import { resources, type TerraformJson } from "./terraform";

export { safeId, stackKeys } from "./builder";
export type { TerraformJson } from "./terraform";

/** What a diagram node stands for; the Mermaid and DOT renderers pick the node's shape by it. */
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

/** What a group boxes: a whole stack, its VPC, or one subnet tier of the VPC. */
export type GroupKind = "stack" | "vpc" | "tier";

/** One drawn resource (or one AZ's share of a subnet tier). */
export interface DiagramNode {
  /** Identifier safe for Mermaid and DOT: `[A-Za-z0-9_]+`, never a keyword. */
  readonly id: string;
  /** The real resource name, e.g. the ALB name or the Aurora cluster identifier. */
  readonly label: string;
  /** What the node stands for; picks its shape. */
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

/** A drawn relation between two nodes, e.g. a load balancer that forwards to a service. */
export interface DiagramEdge {
  /** Id of the node the edge starts at. */
  readonly from: string;
  /** Id of the node the edge ends at (the arrowhead). */
  readonly to: string;
  /** The relation in a word or two, e.g. `forwards`, `SQL`, `egress`; none draws a bare arrow. */
  readonly label?: string;
  /** @default "flow" */
  readonly layout?: EdgeLayout;
}

/** A box around nodes (a subgraph in Mermaid, a cluster in DOT); groups nest through `parent`. */
export interface DiagramGroup {
  /** Identifier safe for Mermaid and DOT, like a node's; nodes and child groups point at it. */
  readonly id: string;
  /** Caption of the box, e.g. the stack name with its region, or the tier name. */
  readonly label: string;
  /** What the box holds. */
  readonly kind: GroupKind;
  /** Parent group: tier ⊂ VPC ⊂ stack. */
  readonly parent?: string;
}

/** One environment's architecture as nodes, edges and nested groups, ready for the Mermaid or DOT renderer. */
export interface DiagramGraph {
  /** Caption of the whole diagram, e.g. `suma-auth-prod architecture`. */
  readonly title: string;
  /** Every drawn resource, in the order the sections added them (the output's order). */
  readonly nodes: DiagramNode[];
  /** Every relation, each once, in the order added. */
  readonly edges: DiagramEdge[];
  /** Only the groups that hold a node, directly or through a child group. */
  readonly groups: DiagramGroup[];
}

/** What {@link buildGraph} draws from: one environment stack and the stacks around it. */
export interface GraphInput {
  /** Name of the environment stack, e.g. `suma-auth-prod`. */
  readonly stackName: string;
  /** The environment stack's synthesized `cdk.tf.json`. */
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
 * Ids are readable and stable: see `Builder`. Each section adds its nodes and edges in turn; the
 * order is the order of the output.
 */
export function buildGraph(input: GraphInput): DiagramGraph {
  const { stackName: env, stack } = input;
  const all: Record<string, TerraformJson> = { ...(input.related ?? {}), [env]: stack };
  const b = new Builder(all);
  const envGroup = b.stackGroup(env);
  // Network: VPC > subnet tier > one node per AZ, with the NAT gateways; what sits in one tier joins it.
  const { placeIn, subnetEdges } = addNetwork(b, env, stack, envGroup);
  const ctx: GraphContext = {
    b,
    env,
    stack,
    all,
    others: Object.keys(all).filter((n) => n !== env),
    envGroup,
    placeIn,
    subnetEdges,
    local: (type) => resources(env, stack, type),
    localId: (refKey) => b.idOf(env, refKey),
  };
  addEdge(ctx);
  const services = addCompute(ctx);
  addDatabases(ctx, services);
  addCache(ctx, services);
  addBackups(ctx);
  addDnsFailover(ctx);
  addRegistries(ctx, services);
  addGithubDeployPath(ctx, services);
  return b.finish(`${env} architecture`);
}
