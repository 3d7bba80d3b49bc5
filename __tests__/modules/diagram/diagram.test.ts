import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environmentStackName } from "../../../config";
import { buildGraph, escapeMermaid, renderSvg, toDot, toMermaid, type DiagramGraph } from "../../../modules/diagram";
import { blocks, synthApp, type StackJson } from "../../support/synth";

const { config, stacks } = synthApp();
const graphOf = (envName: string): { graph: DiagramGraph; stack: StackJson; stackName: string } => {
  const stackName = environmentStackName(config, envName);
  const stack = stacks[stackName]!;
  const related = Object.fromEntries(Object.entries(stacks).filter(([name]) => name !== stackName));
  return { graph: buildGraph({ stackName, stack, related }), stack, stackName };
};
const prod = graphOf("prod");
const dr = graphOf("dr");
const prodMermaid = toMermaid(prod.graph);
const drMermaid = toMermaid(dr.graph);
const str = (v: unknown) => v as string;

describe("prod diagram", () => {
  it.each([
    ["aws_lb", "name"],
    ["aws_wafv2_web_acl", "name"],
    ["aws_ecs_cluster", "name"],
    ["aws_ecs_service", "name"],
    ["aws_rds_cluster", "cluster_identifier"],
    ["aws_rds_global_cluster", "global_cluster_identifier"],
    ["aws_elasticache_replication_group", "replication_group_id"],
    ["aws_backup_vault", "name"],
  ])("names every %s by its real %s", (type, field) => {
    const found = blocks(prod.stack, type);
    expect(found.length).toBeGreaterThan(0);
    for (const block of found) expect(prodMermaid).toContain(escapeMermaid(str(block.values[field])));
  });

  it("draws every subnet inside its tier group within its AZ", () => {
    const subnets = blocks(prod.stack, "aws_subnet");
    expect(subnets.length).toBeGreaterThan(0);
    for (const subnet of subnets) {
      const tags = subnet.values.tags as Record<string, string>;
      const az = str(subnet.values.availability_zone);
      expect(prodMermaid).toContain(tags.Name);
      const node = prod.graph.nodes.find((n) => n.kind === "subnet" && n.label.startsWith(`${tags.Name} `))!;
      const tier = prod.graph.groups.find((g) => g.id === node.group)!;
      expect(tier).toMatchObject({ kind: "tier", label: `${tags.tier} ${az}` });
      const azGroup = prod.graph.groups.find((g) => g.id === tier.parent)!;
      expect(azGroup).toMatchObject({ kind: "az", label: `AZ ${az}` });
      expect(prod.graph.groups.find((g) => g.id === azGroup.parent)?.kind).toBe("vpc");
    }
  });

  it("draws every NAT gateway, one per AZ", () => {
    const nats = blocks(prod.stack, "aws_nat_gateway");
    expect(nats.length).toBe(new Set(blocks(prod.stack, "aws_subnet").map((s) => s.values.availability_zone)).size);
    expect(prod.graph.nodes.filter((n) => n.kind === "nat-gateway")).toHaveLength(nats.length);
    for (const nat of nats) expect(prodMermaid).toContain((nat.values.tags as Record<string, string>).Name);
  });

  it("shows the GitHub repository → environment → OIDC provider → deploy role path", () => {
    const role = blocks(prod.stack, "aws_iam_role").find((r) => str(r.values.name).endsWith("-github-deploy"))!;
    const repo = blocks(stacks[`${config.app.name}-github`]!, "github_repository")[0]!;
    expect(prodMermaid).toContain(str(role.values.name));
    expect(prodMermaid).toContain(str(repo.values.name));
    const id = (kind: string) => prod.graph.nodes.find((n) => n.kind === kind)!.id;
    const edge = (from: string, to: string) => prod.graph.edges.some((e) => e.from === from && e.to === to);
    expect(edge(id("github-repository"), id("github-environment"))).toBe(true);
    expect(edge(id("github-environment"), id("oidc-provider"))).toBe(true);
    expect(edge(id("oidc-provider"), id("iam-role"))).toBe(true);
  });

  it("shows the DR links: global secondary, backup copy, ECR replication, failover", () => {
    const labels = prod.graph.edges.map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(["global database secondary", "copy to DR vault", "fails over to", "primary"]));
    expect(labels.some((l) => l?.startsWith("ECR replication to "))).toBe(true);
    expect(prodMermaid).toContain("PRIMARY");
  });
});

describe("dr diagram", () => {
  it("links the DR cluster to prod's global database as secondary", () => {
    const drCluster = blocks(dr.stack, "aws_rds_cluster")[0]!;
    const globalId = str(drCluster.values.global_cluster_identifier);
    expect(blocks(prod.stack, "aws_rds_global_cluster").map((g) => g.values.global_cluster_identifier)).toContain(globalId);
    const globalNode = dr.graph.nodes.find((n) => n.kind === "global-database" && n.label.includes(globalId))!;
    const drNode = dr.graph.nodes.find((n) => n.kind === "database" && n.label.includes(str(drCluster.values.cluster_identifier)))!;
    expect(dr.graph.edges).toContainEqual({ from: globalNode.id, to: drNode.id, label: "global database secondary" });
  });

  it("shows the SECONDARY failover record and its PRIMARY partner", () => {
    const record = blocks(dr.stack, "aws_route53_record").find((r) => r.values.failover_routing_policy)!;
    expect((record.values.failover_routing_policy as { type: string }).type).toBe("SECONDARY");
    expect(drMermaid).toContain(`${str(record.values.name)} SECONDARY`);
    expect(drMermaid).toContain(`${str(record.values.name)} PRIMARY`);
  });

  it("shows prod's backup plan copying into the DR copy vault, which the DR region's shared stack owns", () => {
    expect(blocks(dr.stack, "aws_backup_vault")).toEqual([]);
    const copy = prod.graph.edges.find((e) => e.label === "copy to DR vault")!;
    const vaultNode = prod.graph.nodes.find((n) => n.id === copy.to)!;
    expect(vaultNode.label).toContain("suma-auth-dr-vault");
  });
});

describe("mermaid rendering", () => {
  it.each(["dev", "staging", "prod", "dr"])("%s: balanced subgraphs, safe ids and escaped labels", (envName) => {
    const lines = toMermaid(graphOf(envName).graph).split("\n");
    let depth = 0;
    for (const line of lines) {
      if (/^\s*subgraph /.test(line)) depth++;
      if (/^\s*end$/.test(line)) depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    for (const line of lines.slice(1)) {
      if (/^\s*end$/.test(line)) continue;
      // Every quoted label holds no character that would end or reshape it.
      const labels = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(label).not.toMatch(/[[\](){}<>|"`]/);
      // Outside the labels only ids, shapes and arrows remain.
      const skeleton = line.replace(/"[^"]*"/g, '""');
      expect(skeleton).toMatch(/^\s*(subgraph [A-Za-z0-9_]+\[""\]|[A-Za-z0-9_]+(\[""\]|\[\(""\)\]|\{\{""\}\}|\(\[""\]\))|[A-Za-z0-9_]+ -->(\|""\|)? [A-Za-z0-9_]+)$/);
    }
  });

  it("escapes hostile labels", () => {
    const graph: DiagramGraph = {
      title: "t",
      groups: [{ id: "g", label: 'VPC "x" [y]', kind: "vpc" }],
      nodes: [{ id: "a", label: 'a"b[c]{d}(e)<f>|g#h', kind: "subnet", group: "g" }, { id: "b", label: "b", kind: "cache" }],
      edges: [{ from: "a", to: "b", label: "x|y\"z" }],
    };
    const text = toMermaid(graph);
    expect(text).toContain('a["a#34;b#91;c#93;#123;d#125;#40;e#41;#60;f#62;#124;g#35;h"]');
    expect(text).toContain('subgraph g["VPC #34;x#34; #91;y#93;"]');
    expect(text).toContain('a -->|"x#124;y#34;z"| b');
  });
});

describe("graphviz rendering", () => {
  it("renders the prod DOT to SVG with clusters", async () => {
    const dot = toDot(prod.graph);
    expect(dot).toContain("subgraph cluster_");
    const svg = await renderSvg(dot);
    expect(svg).toContain("<svg");
    // Graphviz writes "-" in text as the entity &#45;.
    expect(svg).toContain(str(blocks(prod.stack, "aws_lb")[0]!.values.name).replace(/-/g, "&#45;"));
  });
});

describe("scripts/diagram.ts", () => {
  const script = join(__dirname, "../../../scripts/diagram.ts");
  const cwd = join(__dirname, "../../..");

  it("writes a Markdown and an SVG diagram per environment", () => {
    const out = mkdtempSync(join(tmpdir(), "suma-diagram-test-"));
    try {
      execFileSync(process.execPath, ["--import", "tsx", script, "--out", out], { cwd, stdio: "pipe" });
      const files = readdirSync(out).sort();
      expect(files).toEqual(["dev.md", "dev.svg", "dr.md", "dr.svg", "prod.md", "prod.svg", "staging.md", "staging.svg"]);
      const md = readFileSync(join(out, "prod.md"), "utf8");
      expect(md).toMatch(/^# prod/);
      expect(md).toContain("npm run diagram");
      expect(md).toContain("```mermaid\nflowchart");
      expect(readFileSync(join(out, "dr.svg"), "utf8")).toContain("<svg");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("rejects bad arguments with one error line and exit 2", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", script, "--bogus"], { cwd, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: /);
  });
});
