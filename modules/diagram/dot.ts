import type { DiagramGraph, DiagramGroup, DiagramNode, GroupKind, NodeKind } from "./graph";
import { graphTree } from "./tree";

/** Escapes text for a double-quoted DOT string. */
export function escapeDot(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

const SHAPES: Partial<Record<NodeKind, string>> = {
  database: "cylinder",
  "global-database": "cylinder",
  cache: "cylinder",
  "backup-vault": "cylinder",
  "load-balancer": "hexagon",
  waf: "octagon",
  "dns-record": "oval",
  "github-repository": "component",
  "github-environment": "oval",
  "oidc-provider": "diamond",
};

const GROUP_STYLE: Record<GroupKind, string> = {
  stack: 'style="rounded,bold"; color="#333333";',
  vpc: 'style="rounded"; color="#1f77b4";',
  az: 'style="dashed"; color="#7f7f7f";',
  tier: 'style="rounded,filled"; fillcolor="#f4f6fa"; color="#c0c8d8";',
};

function nodeLine(node: DiagramNode, pad: string): string {
  return `${pad}${node.id} [label="${escapeDot(node.label)}", shape=${SHAPES[node.kind] ?? "box"}];`;
}

/** Renders the graph as Graphviz DOT, with a `cluster_` subgraph per group. */
export function toDot(graph: DiagramGraph): string {
  const tree = graphTree(graph);
  const lines: string[] = [
    "digraph architecture {",
    `  label="${escapeDot(graph.title)}";`,
    "  labelloc=t; rankdir=LR; compound=true; fontname=Helvetica;",
    '  node [fontname=Helvetica, fontsize=10, style=filled, fillcolor="#ffffff"];',
    "  edge [fontname=Helvetica, fontsize=9];",
  ];
  const emitGroup = (group: DiagramGroup, depth: number) => {
    const pad = "  ".repeat(depth);
    lines.push(`${pad}subgraph cluster_${group.id} {`);
    lines.push(`${pad}  label="${escapeDot(group.label)}"; ${GROUP_STYLE[group.kind]}`);
    for (const child of tree.childGroups(group.id)) emitGroup(child, depth + 1);
    for (const node of tree.nodesIn(group.id)) lines.push(nodeLine(node, `${pad}  `));
    lines.push(`${pad}}`);
  };
  for (const group of tree.rootGroups) emitGroup(group, 1);
  for (const node of tree.rootNodes) lines.push(nodeLine(node, "  "));
  for (const edge of graph.edges) {
    lines.push(`  ${edge.from} -> ${edge.to}${edge.label ? ` [label="${escapeDot(edge.label)}"]` : ""};`);
  }
  lines.push("}");
  return lines.join("\n");
}
