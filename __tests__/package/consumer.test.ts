/**
 * The npm package as another team gets it: `npm pack` (its prepack builds dist/lib and puts the
 * consumer README in place), `npm publish --dry-run` of that tarball, and a project outside the
 * repository with the tarball installed (see packed.ts) that type-checks and synthesizes a stack
 * importing only through the package name and its subpaths, and the README's example stack,
 * which the packed `suma-policy` bin then checks (policy-bin.ts). One pack serves every test.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONSUMER, CONSUMER_MAIN_TS, CONSUMER_PACKAGE_JSON, CONSUMER_TSCONFIG } from "./consumer-fixture";
import {
  codeBlockUnder,
  packAndUnpack,
  relativeLinks,
  REPO,
  runCommand,
  runOrExplain,
  TIMEOUT_MS,
  type Packed,
} from "./packed";
import { describePolicyBin } from "./policy-bin";

const BIN = join(REPO, "node_modules", ".bin");

interface Resources {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

interface Manifest {
  name: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  files: string[];
  exports: Record<string, string | { types: string; default: string }>;
  publishConfig?: { registry?: string; access?: string };
  peerDependencies: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  private?: boolean;
}

/** Docs the package ships (package.json files); the README links only these. */
const SHIPPED_DOCS = ["docs/consuming.md", "docs/policy-cli.md", "docs/compliance.md"];

describe("the npm package, consumed from outside the repository", () => {
  let packed: Packed;
  let entries: string[] = [];
  let project = "";
  let installed = "";
  const exampleDir = () => join(project, "example");

  beforeAll(() => {
    packed = packAndUnpack();
    ({ project, installed } = packed);
    entries = [...packed.entries];
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify(
        { ...CONSUMER_PACKAGE_JSON, dependencies: { [CONSUMER.packageName]: `file:${packed.tarball}` } },
        null,
        2,
      ),
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ ...CONSUMER_TSCONFIG, files: ["main.ts", "example.ts"] }, null, 2),
    );
    writeFileSync(join(project, "main.ts"), CONSUMER_MAIN_TS);
    // The package README's example, exactly as shipped: it must compile and synthesize as is.
    writeFileSync(
      join(project, "example.ts"),
      codeBlockUnder(readFileSync(join(installed, "README.md"), "utf8"), "Example"),
    );
    mkdirSync(exampleDir());
  }, TIMEOUT_MS);

  afterAll(() => {
    if (packed) rmSync(packed.work, { recursive: true, force: true });
  });

  it("packs the compiled library with declarations, the package README, the docs it links, CHANGELOG and package.json", () => {
    expect(entries).toContain("dist/lib/modules/network/index.js");
    expect(entries).toContain("dist/lib/modules/network/index.d.ts");
    expect(entries).toContain("dist/lib/modules/index.d.ts");
    expect(entries).toContain("dist/lib/analysis/policy/index.js");
    expect(entries).toContain("dist/lib/index.d.ts");
    expect(entries).toEqual(expect.arrayContaining(["package.json", "README.md", "CHANGELOG.md", ...SHIPPED_DOCS]));
    const outside = entries.filter(
      (e) =>
        !/^dist\/lib\/(modules\/|analysis\/|index\.(js|d\.ts)$)/.test(e) &&
        !["package.json", "README.md", "CHANGELOG.md", ...SHIPPED_DOCS].includes(e),
    );
    expect(outside).toEqual([]);
    // Only compiled JavaScript and declarations under dist/lib: no sources, tests, maps or config.
    expect(entries.filter((e) => e.startsWith("dist/lib/") && !/\.(js|d\.ts)$/.test(e))).toEqual([]);
    const forbidden = entries.filter(
      (e) =>
        /(^|\/)(__tests__|bench|fixtures|stacks|config|scripts|cdktf\.out|node_modules)\//.test(e) ||
        /(^|\/)\.(npmrc|env)|\.(pem|key|tfstate|tfvars)$|\.test\./.test(e),
    );
    expect(forbidden).toEqual([]);
    // npm's own list agrees with the tarball.
    expect(packed.files.map((f) => f.path).sort()).toEqual([...entries].sort());
  });

  it(
    "can be published: not private, scoped to the GitHub organization, restricted access; a dry run lists the same files",
    () => {
      const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Manifest;
      expect(pkg.private).toBeUndefined();
      // GitHub Packages takes npm packages only under the scope of the owning organization.
      expect(pkg.name).toBe("@suma-finance/infra-constructs");
      expect(pkg.publishConfig?.access).toBe("restricted");
      expect(new URL(pkg.publishConfig?.registry ?? "").protocol).toBe("https:");
      // Publishing the packed tarball runs no script and so no second build; --offline keeps the
      // dry run from waiting on the network. Nothing is uploaded.
      const result = runCommand("npm", ["publish", packed.tarball, "--dry-run", "--json", "--offline"], packed.work);
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout) as Record<string, { files: Array<{ path: string }> }>;
      expect(report[pkg.name]!.files.map((f) => f.path).sort()).toEqual([...entries].sort());
      expect(result.stderr).toMatch(/restricted access \(dry-run\)/);
    },
    TIMEOUT_MS,
  );

  it("ships the consumer README, not the repository's; every relative link in it and the shipped docs resolves in the tarball", () => {
    const readme = readFileSync(join(installed, "README.md"), "utf8");
    expect(readme).toBe(readFileSync(join(REPO, "PACKAGE-README.md"), "utf8"));
    expect(readme.startsWith(`# ${CONSUMER.packageName}\n`)).toBe(true);
    // postpack put the repository README back.
    expect(readFileSync(join(REPO, "README.md"), "utf8")).not.toBe(readme);
    expect(existsSync(join(REPO, ".README.repository.md"))).toBe(false);
    const problems: string[] = [];
    for (const file of ["README.md", ...SHIPPED_DOCS]) {
      const base = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
      for (const target of relativeLinks(readFileSync(join(installed, file), "utf8"))) {
        const resolved = join(base, target).replace(/\\/g, "/");
        if (!entries.includes(resolved)) problems.push(`${file}: ${target} is not in the tarball`);
      }
    }
    expect(problems).toEqual([]);
    expect(relativeLinks(readme)).toEqual(expect.arrayContaining(["docs/consuming.md", "docs/policy-cli.md"]));
  });

  it("ships a main, types and an exports entry for the root and each module, all present in the tarball", () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Manifest;
    const modules = ["modules", "analysis"].flatMap((dir) =>
      readdirSync(join(REPO, dir), { withFileTypes: true })
        .filter((d) => d.isDirectory() && readdirSync(join(REPO, dir, d.name)).includes("index.ts"))
        .map((d) => `./${d.name}`),
    );
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./package.json", ...modules].sort());
    const files = new Set(entries.map((e) => `./${e}`));
    for (const target of Object.values(pkg.exports)) {
      for (const path of typeof target === "string" ? [target] : [target.types, target.default])
        expect(files).toContain(path);
    }
    expect(files).toContain(pkg.main);
    expect(files).toContain(pkg.types);
    for (const target of Object.values(pkg.bin)) expect(files).toContain(target);
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual([
      "@cdktf/provider-aws",
      "@cdktf/provider-github",
      "@viz-js/viz",
      "cdktf",
      "constructs",
    ]);
    // Only diagram's SVG rendering needs Graphviz; everything else works without it.
    expect(pkg.peerDependenciesMeta).toEqual({ "@viz-js/viz": { optional: true } });
  });

  it(
    "type-checks the consumer's stack and the README's example against the package's declarations",
    () => {
      // Exits non-zero (and the output names the file and line) on any type error, including an
      // unused @ts-expect-error, which is what an untyped (any) export would cause.
      runOrExplain(
        process.execPath,
        [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", join(project, "tsconfig.json")],
        project,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "synthesizes the consumer's stack: VPC, ECS service and alarms, with the consumer's own names",
    () => {
      runOrExplain(join(BIN, "tsx"), [join(project, "main.ts")], project);
      const json = JSON.parse(
        readFileSync(join(project, "cdktf.out", "stacks", CONSUMER.stackName, "cdk.tf.json"), "utf8"),
      ) as Resources;
      const resources = json.resource ?? {};
      const vpcs = Object.values(resources.aws_vpc ?? {});
      expect(vpcs).toHaveLength(1);
      expect(vpcs[0]).toMatchObject({ cidr_block: CONSUMER.cidr });
      const services = Object.values(resources.aws_ecs_service ?? {});
      expect(services).toHaveLength(1);
      expect(services[0]).toMatchObject({ name: CONSUMER.name, launch_type: "FARGATE" });
      const alarmNames = Object.values(resources.aws_cloudwatch_metric_alarm ?? {}).map((a) => String(a.alarm_name));
      expect(alarmNames.length).toBeGreaterThan(0);
      expect(alarmNames.every((n) => n.startsWith(CONSUMER.name))).toBe(true);
      expect(Object.keys(resources.aws_sns_topic ?? {})).toHaveLength(1);
      expect(JSON.stringify(json)).not.toMatch(/suma/i);
    },
    TIMEOUT_MS,
  );

  it(
    "synthesizes the README's example: the service behind the load balancer, with its web ACL and alarms",
    () => {
      runOrExplain(join(BIN, "tsx"), [join(project, "example.ts")], exampleDir());
      const stacks = readdirSync(join(exampleDir(), "cdktf.out", "stacks"));
      expect(stacks).toHaveLength(1);
      const json = JSON.parse(
        readFileSync(join(exampleDir(), "cdktf.out", "stacks", stacks[0]!, "cdk.tf.json"), "utf8"),
      ) as Resources;
      const resources = json.resource ?? {};
      for (const type of [
        "aws_vpc",
        "aws_ecs_cluster",
        "aws_ecr_repository",
        "aws_lb",
        "aws_wafv2_web_acl",
        "aws_wafv2_web_acl_association",
        "aws_ecs_service",
        "aws_sns_topic",
      ]) {
        expect([type, Object.keys(resources[type] ?? {}).length]).toEqual([type, 1]);
      }
      expect(Object.keys(resources.aws_cloudwatch_metric_alarm ?? {}).length).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  describePolicyBin(
    () => packed,
    () => join(exampleDir(), "cdktf.out"),
  );

  it(
    "exposes the same classes from the root as from the subpaths, and hides unexported deep paths",
    () => {
      const script = [
        `const root = require(${JSON.stringify(CONSUMER.packageName)});`,
        `const network = require(${JSON.stringify(`${CONSUMER.packageName}/network`)});`,
        "if (root.Network !== network.Network) throw new Error('root and subpath differ');",
        "let blocked = false;",
        `try { require(${JSON.stringify(`${CONSUMER.packageName}/dist/lib/modules/core/naming`)}); } catch (e) { blocked = e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'; }`,
        "if (!blocked) throw new Error('deep path was importable');",
        "process.stdout.write('ok');",
      ].join("\n");
      expect(runOrExplain(process.execPath, ["-e", script], project)).toBe("ok");
    },
    TIMEOUT_MS,
  );
});
