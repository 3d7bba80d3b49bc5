export * from "./graph";
export { escapeMermaid, toMermaid, toMermaidMarkdown } from "./mermaid";
export { DOT_LABEL_WIDTH, escapeDot, toDot, wrapDotLabel } from "./dot";
export { renderSvg } from "./svg";
