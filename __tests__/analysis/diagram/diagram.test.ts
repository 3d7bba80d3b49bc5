import { readFileSync } from "node:fs";
import { join } from "node:path";
import { azCount, environmentStackName } from "../../../config";
import {
  buildGraph,
  escapeMermaid,
  renderSvg,
  toDot,
  toMermaid,
  toMermaidMarkdown,
  wrapDotLabel,
  type DiagramGraph,
  type TerraformJson,
} from "../../../analysis/diagram";
import { markdownFor } from "../../../scripts/diagram";
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

  it("draws one node per tier per AZ, inside its tier's group in the VPC, naming every subnet's CIDR", () => {
    const subnets = blocks(prod.stack, "aws_subnet");
    expect(subnets.length).toBeGreaterThan(0);
    const cells = new Set(
      subnets.map((s) => `${(s.values.tags as Record<string, string>).tier}|${str(s.values.availability_zone)}`),
    );
    expect(prod.graph.nodes.filter((n) => n.kind === "subnet")).toHaveLength(cells.size);
    for (const subnet of subnets) {
      const tier = (subnet.values.tags as Record<string, string>).tier!;
      const az = str(subnet.values.availability_zone);
      const node = prod.graph.nodes.find(
        (n) => n.kind === "subnet" && n.az === az && n.label.startsWith(`${tier} subnets · ${az}`),
      )!;
      expect(node.label).toContain(str(subnet.values.cidr_block));
      const group = prod.graph.groups.find((g) => g.id === node.group)!;
      expect(group).toMatchObject({ kind: "tier", label: `${tier} subnets` });
      expect(prod.graph.groups.find((g) => g.id === group.parent)?.kind).toBe("vpc");
    }
  });

  it("lists each tier's AZs in sorted order", () => {
    for (const group of prod.graph.groups.filter((g) => g.kind === "tier")) {
      const azs = prod.graph.nodes.filter((n) => n.group === group.id && n.kind === "subnet").map((n) => n.az!);
      expect(azs.length).toBeGreaterThan(1);
      expect(azs).toEqual([...azs].sort());
    }
  });

  it("puts the ALB, the ECS service and the data stores into the tier of the subnets they sit in", () => {
    const tierOf = (kind: string) =>
      prod.graph.groups.find((g) => g.id === prod.graph.nodes.find((n) => n.kind === kind)!.group)?.label;
    expect(tierOf("load-balancer")).toBe("public subnets");
    expect(tierOf("ecs-service")).toBe("private subnets");
    expect(tierOf("database")).toBe("isolated subnets");
    expect(tierOf("cache")).toBe("isolated subnets");
  });

  it("gives readable ids: prefix, stack, type and role, never cdktf's hash, each once", () => {
    const ids = [...prod.graph.nodes.map((n) => n.id), ...prod.graph.groups.map((g) => g.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[ng]_[a-z0-9_]+$/);
      expect(id).not.toMatch(/[0-9a-f]{8}/i);
    }
    const lb = blocks(prod.stack, "aws_lb")[0]!;
    expect(lb.name).toMatch(/_[0-9A-F]{8}$/);
    expect(prod.graph.nodes.find((n) => n.kind === "load-balancer")!.id).toMatch(
      new RegExp(`^n_${prod.stackName.slice(config.app.name.length + 1)}_lb_`),
    );
    expect(prodMermaid).not.toContain(lb.name.slice(-8));
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
    expect(labels).toEqual(
      expect.arrayContaining(["global database secondary", "copy to DR vault", "fails over to", "primary"]),
    );
    expect(labels.some((l) => l?.startsWith("ECR replication to "))).toBe(true);
    expect(prodMermaid).toContain("PRIMARY");
  });
});

describe("dr diagram", () => {
  it("links the DR cluster to prod's global database as secondary", () => {
    const drCluster = blocks(dr.stack, "aws_rds_cluster")[0]!;
    const globalId = str(drCluster.values.global_cluster_identifier);
    expect(blocks(prod.stack, "aws_rds_global_cluster").map((g) => g.values.global_cluster_identifier)).toContain(
      globalId,
    );
    const globalNode = dr.graph.nodes.find((n) => n.kind === "global-database" && n.label.includes(globalId))!;
    const drNode = dr.graph.nodes.find(
      (n) => n.kind === "database" && n.label.includes(str(drCluster.values.cluster_identifier)),
    )!;
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

describe("graph from a fixture stack", () => {
  // Subnets declared out of AZ order, two load balancers whose roles read alike.
  const subnet = (tier: string, az: string, cidr: string) => ({
    availability_zone: az,
    cidr_block: cidr,
    tags: { Name: `x-${tier}-${az}`, tier },
    vpc_id: "${aws_vpc.net_vpc_0A1B2C3D.id}",
  });
  const fixture = (reverse: boolean): TerraformJson => {
    const subnets: Record<string, Record<string, unknown>> = {
      "net_private-c_11111111": subnet("private", "eu-west-1c", "10.0.2.0/24"),
      "net_private-a_22222222": subnet("private", "eu-west-1a", "10.0.0.0/24"),
      "net_private-a2_33333333": subnet("private", "eu-west-1a", "10.0.3.0/24"),
      "net_private-b_44444444": subnet("private", "eu-west-1b", "10.0.1.0/24"),
    };
    const lbs: Record<string, Record<string, unknown>> = {
      edge_alb_55555555: {
        "//": { metadata: { path: "x-dev/edge/alb" } },
        name: "x-dev-one",
        subnets: ["${aws_subnet.net_private-a_22222222.id}"],
      },
      "edge-alb_66666666": { "//": { metadata: { path: "x-dev/edge-alb" } }, name: "x-dev-two", subnets: [] },
    };
    const order = <T>(r: Record<string, T>) =>
      Object.fromEntries(reverse ? Object.entries(r).reverse() : Object.entries(r));
    return {
      resource: {
        aws_vpc: { net_vpc_0A1B2C3D: { cidr_block: "10.0.0.0/16", tags: { Name: "x-dev" } } },
        aws_subnet: order(subnets),
        aws_lb: order(lbs),
      },
    };
  };
  const graph = buildGraph({ stackName: "x-dev", stack: fixture(false) });

  it("collapses the subnets of one tier in one AZ into one node and sorts the AZs", () => {
    const nodes = graph.nodes.filter((n) => n.kind === "subnet");
    expect(nodes.map((n) => n.label)).toEqual([
      "private subnets · eu-west-1a · 10.0.0.0/24, 10.0.3.0/24",
      "private subnets · eu-west-1b · 10.0.1.0/24",
      "private subnets · eu-west-1c · 10.0.2.0/24",
    ]);
    expect(nodes.map((n) => n.id)).toEqual([
      "n_dev_subnets_private_eu_west_1a",
      "n_dev_subnets_private_eu_west_1b",
      "n_dev_subnets_private_eu_west_1c",
    ]);
  });

  it("numbers ids that collide, the same way whatever the declaration order", () => {
    const ids = (g: DiagramGraph) =>
      g.nodes
        .filter((n) => n.kind === "load-balancer")
        .map((n) => [n.label, n.id])
        .sort();
    expect(ids(graph)).toEqual([
      ["ALB x-dev-one", "n_dev_lb_edge_alb_2"],
      ["ALB x-dev-two", "n_dev_lb_edge_alb"],
    ]);
    expect(ids(buildGraph({ stackName: "x-dev", stack: fixture(true) }))).toEqual(ids(graph));
  });

  it("lays each tier out in AZ order in DOT: one rank, chained top to bottom", () => {
    const dot = toDot(graph);
    const rank = dot.split("\n").find((l) => l.includes("rank=same"))!;
    expect(rank.indexOf("eu_west_1a")).toBeLessThan(rank.indexOf("eu_west_1b"));
    expect(rank.indexOf("eu_west_1b")).toBeLessThan(rank.indexOf("eu_west_1c"));
    // rankdir=LR turns left-to-right into bottom-to-top: b -> a puts a above b.
    expect(dot).toContain("n_dev_subnets_private_eu_west_1b -> n_dev_subnets_private_eu_west_1a [style=invis];");
  });

  it("wraps DOT labels at separators and long words", () => {
    expect(wrapDotLabel("private subnets · eu-west-1a · 10.0.0.0/24")).toBe(
      "private subnets\\neu-west-1a\\n10.0.0.0/24",
    );
    expect(
      wrapDotLabel("NAT suma-auth-prod-nat-us-east-1a", 22)
        .split("\\n")
        .every((line) => line.length <= 22),
    ).toBe(true);
  });
});

describe("mermaid rendering", () => {
  it.each(Object.keys(config.environments))("%s: balanced subgraphs, safe ids and escaped labels", (envName) => {
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
      expect(skeleton).toMatch(
        /^\s*(subgraph [A-Za-z0-9_]+\[""\]|[A-Za-z0-9_]+(\[""\]|\[\(""\)\]|\{\{""\}\}|\(\[""\]\))|[A-Za-z0-9_]+ -->(\|""\|)? [A-Za-z0-9_]+)$/,
      );
    }
  });

  it("escapes hostile labels", () => {
    const graph: DiagramGraph = {
      title: "t",
      groups: [{ id: "g", label: 'VPC "x" [y]', kind: "vpc" }],
      nodes: [
        { id: "a", label: 'a"b[c]{d}(e)<f>|g#h', kind: "subnet", group: "g" },
        { id: "b", label: "b", kind: "cache" },
      ],
      edges: [{ from: "a", to: "b", label: 'x|y"z' }],
    };
    const text = toMermaid(graph);
    expect(text).toContain('a["a#34;b#91;c#93;#123;d#125;#40;e#41;#60;f#62;#124;g#35;h"]');
    expect(text).toContain('subgraph g["VPC #34;x#34; #91;y#93;"]');
    expect(text).toContain('a -->|"x#124;y#34;z"| b');
  });
});

/** The pictured size of an SVG from Graphviz, in CSS pixels (Graphviz writes points: 1 pt = 4/3 px). */
function svgSizePx(svg: string): { width: number; height: number } {
  const m = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg)!;
  return { width: (Number(m[1]) * 4) / 3, height: (Number(m[2]) * 4) / 3 };
}

describe("readable at README width", () => {
  // The README shows prod.svg in a column about 900 px wide, scaled down to fit. Node text is
  // 10 pt (13.3 px); scaled to at least 8 px it stays legible, so the picture may be at most
  // 900 × 13.3 / 8 ≈ 1500 px wide.
  const README_WIDTH_PX = 900;
  const MAX_WIDTH_PX = (README_WIDTH_PX * (10 * 4)) / 3 / 8;
  // What each environment draws besides its network: ALB, WAF, ECS cluster and service, Aurora and
  // its global database, cache, backup vault and plan, DNS record, deploy role, the DR cluster,
  // record and copy vault, two ECR repositories, the OIDC provider, the GitHub repository and
  // environment (19), with one to spare.
  const SERVICES = 20;
  const TIERS = ["public", "private", "isolated"];

  it.each(Object.keys(config.environments))(
    "%s: one node per tier per AZ and NAT gateway, plus the services",
    (envName) => {
      const env = config.environments[envName]!;
      const azs = azCount(env);
      const nats = env.network.natMode === "single" ? 1 : azs;
      const { graph } = graphOf(envName);
      expect(graph.nodes.filter((n) => n.kind === "subnet")).toHaveLength(TIERS.length * azs);
      expect(graph.nodes.length).toBeLessThanOrEqual(TIERS.length * azs + nats + SERVICES);
    },
  );

  it("prod's SVG fits the README column legibly", async () => {
    const { width } = svgSizePx(await renderSvg(toDot(prod.graph)));
    expect(width).toBeLessThanOrEqual(MAX_WIDTH_PX);
  });
});

describe("README", () => {
  const root = join(__dirname, "../../..");
  const readme = readFileSync(join(root, "README.md"), "utf8");

  it("shows prod's rendered picture and links its Mermaid source instead of inlining it", () => {
    expect(readme).toContain("![prod architecture](docs/diagrams/prod.svg)");
    expect(readme).toContain("(docs/diagrams/prod.md)");
    expect(readme).not.toContain("```mermaid");
  });

  it("the committed prod.svg names every major resource of the stack", () => {
    // Text of the picture with wrapped lines joined: names break only after "-", "." or "/".
    const svg = readFileSync(join(root, "docs/diagrams/prod.svg"), "utf8");
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&#45;/g, "-")).join("");
    const names: [string, string][] = [
      ["aws_lb", "name"],
      ["aws_wafv2_web_acl", "name"],
      ["aws_ecs_service", "name"],
      ["aws_rds_cluster", "cluster_identifier"],
      ["aws_rds_global_cluster", "global_cluster_identifier"],
      ["aws_elasticache_replication_group", "replication_group_id"],
      ["aws_backup_vault", "name"],
      ["aws_nat_gateway", "tags"],
    ];
    for (const [type, field] of names) {
      for (const block of blocks(prod.stack, type)) {
        const value = block.values[field];
        expect(text).toContain(typeof value === "string" ? value : (value as Record<string, string>).Name);
      }
    }
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

describe("the committed diagrams (docs/diagrams)", () => {
  // npm run diagram writes them; __tests__/cli/diagram-script.test.ts runs the script itself.
  it.each(Object.keys(config.environments))("%s.md is the Mermaid source the stacks draw today", (envName) => {
    const { graph, stackName } = graphOf(envName);
    const committed = readFileSync(join(__dirname, "../../../docs/diagrams", `${envName}.md`), "utf8");
    expect(committed).toBe(markdownFor(envName, stackName, toMermaidMarkdown(graph)));
  });
});
