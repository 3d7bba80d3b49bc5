/**
 * Renders DOT to SVG with @viz-js/viz (Graphviz compiled to WebAssembly). The package is
 * ESM-first, so it is loaded with a dynamic import; the graph code stays CommonJS-friendly.
 */
export async function renderSvg(dot: string): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  return viz.renderString(dot, { format: "svg" });
}
