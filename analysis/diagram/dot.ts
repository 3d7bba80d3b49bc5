import type { DiagramGraph, DiagramGroup, DiagramNode, GroupKind, NodeKind } from "./graph";
import { graphTree } from "./tree";

/** Escapes text for a double-quoted DOT string. */
export function escapeDot(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

/** Longest line of a wrapped label, in characters: keeps every node narrow in a README-wide picture. */
export const DOT_LABEL_WIDTH = 22;

/**
 * Splits a label into lines: at each ` · `, then between words so no line is longer than `width`;
 * a longer word breaks after a `-`, `.` or `/`. Returns the DOT string body, lines joined by `\n`.
 */
export function wrapDotLabel(text: string, width = DOT_LABEL_WIDTH): string {
  const lines: string[] = [];
  for (const part of text.split(" · ")) {
    let line = "";
    for (const word of part.split(/\s+/).filter(Boolean)) {
      splitLong(word, width).forEach((piece, i) => {
        const joined = line ? `${line}${i > 0 ? "" : " "}${piece}` : piece;
        if (line && joined.length > width) {
          lines.push(line);
          line = piece;
        } else line = joined;
      });
    }
    if (line) lines.push(line);
  }
  return lines.map(escapeDot).join("\\n");
}

/** A word longer than `width` in pieces that end at `-`, `.` or `/` where it has them. */
function splitLong(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    const cut = Math.max(
      rest.lastIndexOf("-", width - 1),
      rest.lastIndexOf(".", width - 1),
      rest.lastIndexOf("/", width - 1),
    );
    if (cut <= 0) break;
    pieces.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  return rest ? [...pieces, rest] : pieces;
}

const SHAPES: Partial<Record<NodeKind, string>> = {
  database: "cylinder",
  "global-database": "cylinder",
  cache: "cylinder",
  "backup-vault": "cylinder",
  "load-balancer": "hexagon",
  waf: "octagon",
  "dns-record": 'box, style="rounded,filled"',
  "github-repository": "component",
  "github-environment": 'box, style="rounded,filled"',
};

const GROUP_STYLE: Record<GroupKind, string> = {
  stack: 'style="rounded,bold"; color="#333333";',
  vpc: 'style="rounded"; color="#1f77b4";',
  tier: 'style="rounded,filled"; fillcolor="#f4f6fa"; color="#c0c8d8";',
};

function nodeLine(node: DiagramNode, pad: string): string {
  return `${pad}${node.id} [label="${wrapDotLabel(node.label)}", shape=${SHAPES[node.kind] ?? "box"}];`;
}

/**
 * Layers that `beside` edges tie together within one group (a load balancer and the subnets of
 * its tier), with the group's per-AZ nodes; each in drawing order: nodes without an AZ first, then
 * by AZ, then as listed. Graphviz keeps a cluster intact only when a layer stays inside it, so
 * edges across groups don't tie.
 */
function layers(graph: DiagramGraph): DiagramNode[][] {
  const nodes = new Map(graph.nodes.map((n, i) => [n.id, { node: n, index: i }]));
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const tie = (x: DiagramNode, y: DiagramNode) => {
    const [a, b] = [find(x.id), find(y.id)];
    parent.set(a, a);
    parent.set(b, a);
  };
  for (const edge of graph.edges) {
    const [from, to] = [nodes.get(edge.from)?.node, nodes.get(edge.to)?.node];
    if (edge.layout === "beside" && from && to && from.group === to.group) tie(from, to);
  }
  // Per-AZ nodes of one group (a tier's subnets, its NAT gateways) line up too.
  const perAz = new Map<string, DiagramNode>();
  for (const { node } of nodes.values()) {
    if (!node.az || !node.group) continue;
    const first = perAz.get(node.group);
    if (first) tie(first, node);
    else perAz.set(node.group, node);
  }
  const sets = new Map<string, { node: DiagramNode; index: number }[]>();
  for (const entry of nodes.values()) {
    if (!parent.has(entry.node.id)) continue;
    const root = find(entry.node.id);
    sets.set(root, [...(sets.get(root) ?? []), entry]);
  }
  const order = (x: { node: DiagramNode; index: number }, y: { node: DiagramNode; index: number }) =>
    ((x.node.az ?? "") < (y.node.az ?? "") ? -1 : (x.node.az ?? "") > (y.node.az ?? "") ? 1 : 0) || x.index - y.index;
  return [...sets.values()].filter((set) => set.length > 1).map((set) => set.sort(order).map((e) => e.node));
}

/** A layer as DOT: same rank, and invisible edges that keep its drawing order (AZs sorted). */
function layerLines(layer: DiagramNode[], pad: string): string[] {
  const ids = layer.map((n) => n.id);
  // Left to right, then turned for rankdir=LR: an edge b -> a puts a above b.
  return [
    `${pad}{ rank=same; ${ids.join("; ")}; }`,
    ...ids.slice(1).map((id, i) => `${pad}${id} -> ${ids[i]} [style=invis];`),
  ];
}

/**
 * Renders the graph as Graphviz DOT, with a `cluster_` subgraph per group, left to right:
 * `beside` edges share a layer, `loose` edges don't order their ends, labels wrap at
 * `DOT_LABEL_WIDTH` characters.
 */
export function toDot(graph: DiagramGraph): string {
  const tree = graphTree(graph);
  const known = new Set(graph.groups.map((g) => g.id));
  const byGroup = new Map<string, DiagramNode[][]>();
  const allLayers = layers(graph);
  for (const layer of allLayers) {
    const group = layer[0]!.group && known.has(layer[0]!.group) ? layer[0]!.group : "";
    byGroup.set(group, [...(byGroup.get(group) ?? []), layer]);
  }
  const lines: string[] = [
    "digraph architecture {",
    `  label="${escapeDot(graph.title)}";`,
    "  labelloc=t; rankdir=LR; newrank=true; compound=true; ranksep=0.3; nodesep=0.15; fontname=Helvetica;",
    '  node [fontname=Helvetica, fontsize=10, style=filled, fillcolor="#ffffff", margin="0.08,0.04"];',
    "  edge [fontname=Helvetica, fontsize=9];",
  ];
  const emitGroup = (group: DiagramGroup, depth: number) => {
    const pad = "  ".repeat(depth);
    lines.push(`${pad}subgraph cluster_${group.id} {`);
    lines.push(`${pad}  label="${escapeDot(group.label)}"; ${GROUP_STYLE[group.kind]}`);
    for (const child of tree.childGroups(group.id)) emitGroup(child, depth + 1);
    for (const node of tree.nodesIn(group.id)) lines.push(nodeLine(node, `${pad}  `));
    for (const layer of byGroup.get(group.id) ?? []) lines.push(...layerLines(layer, `${pad}  `));
    lines.push(`${pad}}`);
  };
  for (const group of tree.rootGroups) emitGroup(group, 1);
  for (const node of tree.rootNodes) lines.push(nodeLine(node, "  "));
  const layerOf = new Map(allLayers.flatMap((layer, i) => layer.map((n) => [n.id, i] as const)));
  const azOf = new Map(graph.nodes.map((n) => [n.id, n.az]));
  for (const edge of graph.edges) {
    const inLayer = layerOf.get(edge.from) !== undefined && layerOf.get(edge.from) === layerOf.get(edge.to);
    // The tier's box already shows that a load balancer sits in each AZ's subnets of that tier.
    if (inLayer && !azOf.get(edge.from) && azOf.get(edge.to)) continue;
    // xlabel: placed after layout, so a label doesn't widen the gap between two layers.
    const attrs = [
      ...(edge.label ? [`xlabel="${wrapDotLabel(edge.label, 16)}"`] : []),
      ...(edge.layout === "loose" || inLayer ? ["constraint=false"] : []),
    ];
    lines.push(`  ${edge.from} -> ${edge.to}${attrs.length ? ` [${attrs.join(", ")}]` : ""};`);
  }
  for (const layer of byGroup.get("") ?? []) lines.push(...layerLines(layer, "  "));
  lines.push("}");
  return lines.join("\n");
}
