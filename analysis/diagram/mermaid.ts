import type { DiagramGraph, DiagramGroup, DiagramNode, NodeKind } from "./graph";
import { graphTree } from "./tree";

/**
 * Escapes text for a quoted Mermaid label: characters that end or reshape a label
 * (quotes, brackets, braces, parentheses, angle brackets, pipes, `#`) become `#code;` entities.
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[#"[\]{}()<>|`\\]/g, (c) => `#${c.charCodeAt(0)};`)
    .trim();
}

const SHAPES: Partial<Record<NodeKind, [string, string]>> = {
  database: ["[(", ")]"],
  "global-database": ["[(", ")]"],
  cache: ["[(", ")]"],
  "backup-vault": ["[(", ")]"],
  "load-balancer": ["{{", "}}"],
  "dns-record": ["([", "])"],
  "github-repository": ["([", "])"],
  "github-environment": ["([", "])"],
};

function nodeLine(node: DiagramNode): string {
  const [open, close] = SHAPES[node.kind] ?? ["[", "]"];
  return `${node.id}${open}"${escapeMermaid(node.label)}"${close}`;
}

/** Renders the graph as a Mermaid flowchart (without the Markdown fence). */
export function toMermaid(graph: DiagramGraph, direction: "LR" | "TB" = "LR"): string {
  const tree = graphTree(graph);
  const lines: string[] = [`flowchart ${direction}`];
  const emitGroup = (group: DiagramGroup, depth: number) => {
    const pad = "  ".repeat(depth);
    lines.push(`${pad}subgraph ${group.id}["${escapeMermaid(group.label)}"]`);
    for (const child of tree.childGroups(group.id)) emitGroup(child, depth + 1);
    for (const node of tree.nodesIn(group.id)) lines.push(`${pad}  ${nodeLine(node)}`);
    lines.push(`${pad}end`);
  };
  for (const group of tree.rootGroups) emitGroup(group, 1);
  for (const node of tree.rootNodes) lines.push(`  ${nodeLine(node)}`);
  for (const edge of graph.edges) {
    lines.push(
      edge.label ? `  ${edge.from} -->|"${escapeMermaid(edge.label)}"| ${edge.to}` : `  ${edge.from} --> ${edge.to}`,
    );
  }
  return lines.join("\n");
}

/** The Mermaid flowchart inside a ```mermaid fence, ready for Markdown that GitHub renders. */
export function toMermaidMarkdown(graph: DiagramGraph): string {
  return ["```mermaid", toMermaid(graph), "```"].join("\n");
}
