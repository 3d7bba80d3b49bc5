import type { DiagramGraph, DiagramGroup, DiagramNode } from "./graph";

/** Groups and nodes indexed by parent, for renderers that nest (Mermaid subgraphs, DOT clusters). */
export interface GraphTree {
  readonly rootGroups: DiagramGroup[];
  readonly rootNodes: DiagramNode[];
  childGroups(groupId: string): DiagramGroup[];
  nodesIn(groupId: string): DiagramNode[];
}

export function graphTree(graph: DiagramGraph): GraphTree {
  const known = new Set(graph.groups.map((g) => g.id));
  const groupsBy = new Map<string, DiagramGroup[]>();
  const nodesBy = new Map<string, DiagramNode[]>();
  const push = <T>(map: Map<string, T[]>, k: string, v: T) => map.set(k, [...(map.get(k) ?? []), v]);
  for (const g of graph.groups) push(groupsBy, g.parent && known.has(g.parent) ? g.parent : "", g);
  for (const n of graph.nodes) push(nodesBy, n.group && known.has(n.group) ? n.group : "", n);
  return {
    rootGroups: groupsBy.get("") ?? [],
    rootNodes: nodesBy.get("") ?? [],
    childGroups: (id) => groupsBy.get(id) ?? [],
    nodesIn: (id) => nodesBy.get(id) ?? [],
  };
}
