export * from "./graph";
export { escapeMermaid, toMermaid, toMermaidMarkdown } from "./mermaid";
export { escapeDot, toDot } from "./dot";
export { renderSvg } from "./svg";
