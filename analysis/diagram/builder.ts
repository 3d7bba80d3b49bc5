import type { DiagramEdge, DiagramGraph, DiagramGroup, EdgeLayout, GroupKind, NodeKind } from "./graph";
import { key, regionOf, roleOf, type Res, type TerraformJson } from "./terraform";

/** Makes an identifier Mermaid and Graphviz accept unquoted. */
export function safeId(...parts: string[]): string {
  return parts
    .join("_")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Short, stable names for stacks in ids: each name without the dash-separated words every stack
 * name shares (`suma-auth-prod` → `prod` beside `suma-auth-dr`). At least one word is kept, so a
 * lone stack keeps its last word.
 */
export function stackKeys(stackNames: readonly string[]): Map<string, string> {
  const split = stackNames.map((n) => n.split("-"));
  let shared = split.length ? Math.min(...split.map((words) => words.length - 1)) : 0;
  for (let i = 0; i < shared; i++) {
    if (!split.every((words) => words[i] === split[0]![i])) shared = i;
  }
  return new Map(stackNames.map((n, i) => [n, split[i]!.slice(shared).join("-")]));
}

/** A Terraform type without its provider prefix: `aws_ecs_service` → `ecs_service`. */
function shortType(type: string): string {
  return type.replace(/^(aws|github)_/, "");
}

/**
 * The id words of a resource: its short type, then the words of its role that the type doesn't
 * already say, each once in a row (`aws_backup_vault` at `backup/vault` → `backup_vault`;
 * `aws_lb` at `service-tier/alb/alb` → `lb_service_tier_alb`).
 */
export function resourceIdParts(type: string, role: string): string[] {
  const typeWords = shortType(type).split("_");
  const words = safeId(role)
    .toLowerCase()
    .split("_")
    .filter((w) => w && !typeWords.includes(w));
  return [shortType(type), ...words.filter((w, i) => w !== words[i - 1])];
}

interface PendingNode {
  readonly stack: string;
  readonly idParts: string[];
  readonly label: string;
  readonly kind: NodeKind;
  group?: string;
  readonly az?: string;
}

interface PendingGroup {
  readonly stack: string;
  readonly idParts: string[];
  readonly label: string;
  readonly kind: GroupKind;
  readonly parent?: string;
}

/**
 * Collects nodes, groups and edges under internal keys, then gives each a readable id when the
 * graph is finished: `n_` or `g_`, the stack's short name, and the resource type with its logical
 * role (`n_prod_lb_service_tier_alb`), never cdktf's hash. Ids that collide get `_2`, `_3`… in
 * the order of their internal keys, so the same input always yields the same ids.
 */
export class Builder {
  private readonly nodes = new Map<string, PendingNode>();
  private readonly groups = new Map<string, PendingGroup>();
  private readonly edges: DiagramEdge[] = [];
  private readonly byResource = new Map<string, string>();
  private readonly keys: Map<string, string>;

  constructor(private readonly stacks: Readonly<Record<string, TerraformJson>>) {
    this.keys = stackKeys(Object.keys(stacks).sort());
  }

  /** Adds a group once under its key; returns the key. */
  group(groupKey: string, group: PendingGroup): string {
    if (!this.groups.has(groupKey)) this.groups.set(groupKey, group);
    return groupKey;
  }

  /** The group of a whole stack, labelled with its region unless its name ends with it. */
  stackGroup(stackName: string): string {
    const region = regionOf(this.stacks[stackName]);
    const label = region && !stackName.endsWith(region) ? `${stackName} (${region})` : stackName;
    return this.group(`stack:${stackName}`, { stack: stackName, idParts: [], label, kind: "stack" });
  }

  /** Adds a node once under its key; returns the key. */
  add(nodeKey: string, node: PendingNode): string {
    if (!this.nodes.has(nodeKey)) this.nodes.set(nodeKey, node);
    return nodeKey;
  }

  /** Adds the node of one resource, its id from the resource's type and role. */
  node(res: Res, kind: NodeKind, label: string, group?: string, az?: string): string {
    const nodeKey = this.add(`${res.stack}/${key(res)}`, {
      stack: res.stack,
      idParts: resourceIdParts(res.type, roleOf(res)),
      label,
      kind,
      ...(group ? { group } : {}),
      ...(az ? { az } : {}),
    });
    this.byResource.set(`${res.stack}/${key(res)}`, nodeKey);
    return nodeKey;
  }

  /** Moves a node into a group, e.g. a load balancer into the tier of the subnets it sits in. */
  moveTo(nodeKey: string, groupKey: string): void {
    const node = this.nodes.get(nodeKey);
    if (node) node.group = groupKey;
  }

  /** The group a node is in. */
  groupOf(nodeKey: string): string | undefined {
    return this.nodes.get(nodeKey)?.group;
  }

  /** Draws a resource as an existing node (a subnet as its tier's node in its AZ). */
  alias(res: Res, nodeKey: string): void {
    this.byResource.set(`${res.stack}/${key(res)}`, nodeKey);
  }

  /** The node drawn for a resource, by stack and `type.name`. */
  idOf(stack: string, resourceKey: string): string | undefined {
    return this.byResource.get(`${stack}/${resourceKey}`);
  }

  /** Adds an edge once; ends that weren't drawn or are the same node add nothing. */
  edge(from: string | undefined, to: string | undefined, label?: string, layout?: EdgeLayout): void {
    if (!from || !to || from === to) return;
    if (this.edges.some((e) => e.from === from && e.to === to && e.label === label)) return;
    this.edges.push({ from, to, ...(label ? { label } : {}), ...(layout && layout !== "flow" ? { layout } : {}) });
  }

  /** The finished graph: readable ids, and only the groups that hold a node. */
  finish(title: string): DiagramGraph {
    const used = new Set<string>();
    for (const node of this.nodes.values()) {
      for (let g = node.group; g && !used.has(g); g = this.groups.get(g)?.parent) used.add(g);
    }
    const groupEntries = [...this.groups].filter(([k]) => used.has(k));
    const ids = this.assignIds([
      ...groupEntries.map(([k, g]) => [k, safeId("g", this.keys.get(g.stack) ?? g.stack, ...g.idParts)] as const),
      ...[...this.nodes].map(([k, n]) => [k, safeId("n", this.keys.get(n.stack) ?? n.stack, ...n.idParts)] as const),
    ]);
    const id = (k: string) => ids.get(k)!;
    const groups: DiagramGroup[] = groupEntries.map(([k, g]) => ({
      id: id(k),
      label: g.label,
      kind: g.kind,
      ...(g.parent ? { parent: id(g.parent) } : {}),
    }));
    return {
      title,
      nodes: [...this.nodes].map(([k, n]) => ({
        id: id(k),
        label: n.label,
        kind: n.kind,
        ...(n.group ? { group: id(n.group) } : {}),
        ...(n.az ? { az: n.az } : {}),
      })),
      edges: this.edges.map((e) => ({ ...e, from: id(e.from), to: id(e.to) })),
      groups,
    };
  }

  /** Wanted ids by internal key → unique ids; collisions resolved in internal-key order. */
  private assignIds(wanted: readonly (readonly [string, string])[]): Map<string, string> {
    const taken = new Set(wanted.map(([, id]) => id));
    const result = new Map<string, string>();
    const byId = new Map<string, string[]>();
    for (const [k, id] of wanted) byId.set(id, [...(byId.get(id) ?? []), k]);
    for (const id of [...byId.keys()].sort()) {
      const keys = byId.get(id)!;
      const [first, ...rest] = [...keys].sort();
      result.set(first!, id);
      let n = 2;
      for (const k of rest) {
        while (taken.has(`${id}_${n}`)) n++;
        taken.add(`${id}_${n}`);
        result.set(k, `${id}_${n}`);
      }
    }
    return result;
  }
}
