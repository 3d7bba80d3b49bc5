/**
 * The npm package as another team gets it: build dist/lib, `npm pack`, install the tarball
 * into a project outside the repository (peers linked to this repository's node_modules, so
 * nothing is downloaded), type-check and synthesize a stack that imports only through the
 * package name and its subpaths.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CONSUMER, CONSUMER_MAIN_TS, CONSUMER_PACKAGE_JSON, CONSUMER_TSCONFIG, LINKED_DEV_PACKAGES, LINKED_PACKAGES } from "./consumer-fixture";

const REPO = join(__dirname, "..", "..");
const BIN = join(REPO, "node_modules", ".bin");
const TIMEOUT_MS = 180_000;
const env = { ...process.env, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "1", npm_config_update_notifier: "false" };

interface Resources {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

const run = (file: string, args: readonly string[], cwd: string): string =>
  execFileSync(file, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: TIMEOUT_MS });

/** Runs and, on failure, rethrows with the command's output so the test report shows it. */
const runOrExplain = (file: string, args: readonly string[], cwd: string): string => {
  try {
    return run(file, args, cwd);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
};

describe("the npm package, consumed from outside the repository", () => {
  const work = mkdtempSync(join(tmpdir(), "infra-constructs-pack-"));
  const project = join(work, "consumer");
  const installed = join(project, "node_modules", ...CONSUMER.packageName.split("/"));
  let tarball = "";
  let entries: string[] = [];

  beforeAll(() => {
    runOrExplain("npm", ["run", "build:lib", "--silent"], REPO);
    const [packed] = JSON.parse(runOrExplain("npm", ["pack", "--json", "--pack-destination", work], REPO)) as Array<{ filename: string }>;
    tarball = join(work, packed!.filename);
    entries = run("tar", ["-tzf", tarball], work).split("\n").filter(Boolean);

    mkdirSync(installed, { recursive: true });
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ ...CONSUMER_PACKAGE_JSON, dependencies: { [CONSUMER.packageName]: `file:${tarball}` } }, null, 2),
    );
    for (const name of [...LINKED_PACKAGES, ...LINKED_DEV_PACKAGES]) {
      const link = join(project, "node_modules", name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(REPO, "node_modules", name), link, "dir");
    }
    // What `npm install <tarball>` would place, without asking the registry for anything.
    run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], work);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
    writeFileSync(join(project, "main.ts"), CONSUMER_MAIN_TS);
  }, TIMEOUT_MS);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("packs only the compiled library, its declarations, README, CHANGELOG and package.json", () => {
    expect(entries).toContain("package/dist/lib/modules/network/index.js");
    expect(entries).toContain("package/dist/lib/modules/network/index.d.ts");
    expect(entries).toContain("package/dist/lib/modules/index.d.ts");
    expect(entries).toEqual(expect.arrayContaining(["package/package.json", "package/README.md", "package/CHANGELOG.md"]));
    const outside = entries.filter((e) => !e.startsWith("package/dist/lib/modules/") && !/^package\/(package\.json|README\.md|CHANGELOG\.md)$/.test(e));
    expect(outside).toEqual([]);
    const forbidden = entries.filter((e) => /(^|\/)(__tests__|bench|fixtures|stacks|config|cdktf\.out)\//.test(e) || /\.test\.|\.ts$(?<!\.d\.ts)/.test(e));
    expect(forbidden).toEqual([]);
  });

  it("ships a main, types and an exports entry for the root and each module, all present in the tarball", () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      main: string;
      types: string;
      exports: Record<string, string | { types: string; default: string }>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    const modules = readdirSync(join(REPO, "modules"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(join(REPO, "modules", d.name)).includes("index.ts"))
      .map((d) => `./${d.name}`);
    expect(Object.keys(pkg.exports).sort()).toEqual([".", "./package.json", ...modules].sort());
    const files = new Set(entries.map((e) => e.replace(/^package\//, "./")));
    for (const target of Object.values(pkg.exports)) {
      for (const path of typeof target === "string" ? [target] : [target.types, target.default]) expect(files).toContain(path);
    }
    expect(files).toContain(pkg.main);
    expect(files).toContain(pkg.types);
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["@cdktf/provider-aws", "@cdktf/provider-github", "@viz-js/viz", "cdktf", "constructs"]);
    // Only diagram's SVG rendering needs Graphviz; everything else works without it.
    expect(pkg.peerDependenciesMeta).toEqual({ "@viz-js/viz": { optional: true } });
  });

  it("type-checks the consumer's stack against the package's declarations", () => {
    // Exits non-zero (and the output names the file and line) on any type error, including an
    // unused @ts-expect-error, which is what an untyped (any) export would cause.
    runOrExplain(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", join(project, "tsconfig.json")], project);
  }, TIMEOUT_MS);

  it("synthesizes the consumer's stack: VPC, ECS service and alarms, with the consumer's own names", () => {
    runOrExplain(join(BIN, "tsx"), [join(project, "main.ts")], project);
    const json = JSON.parse(readFileSync(join(project, "cdktf.out", "stacks", CONSUMER.stackName, "cdk.tf.json"), "utf8")) as Resources;
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
  }, TIMEOUT_MS);

  it("exposes the same classes from the root as from the subpaths, and hides unexported deep paths", () => {
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
  }, TIMEOUT_MS);
});
