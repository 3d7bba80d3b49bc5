import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { allStackNames, loadConfig, type AppConfigInput } from "../../config";
import { SUMA_WORKLOADS } from "../../config/workloads";
import { deployabilityFindings } from "../../analysis/policy";
import { buildApp } from "../../stacks/app";
import { checkSynthesizedOutput, readSynthesizedApp } from "../../stacks/synth-checks";
import { blocks, withConfig, type StackJson } from "../support/synth";

const guide = readFileSync(join(__dirname, "../../docs/how-to/add-an-environment.md"), "utf8");

/** docs/how-to/add-an-environment.md, "Files, in order", steps 1 to 3, applied literally. */
function addEnvironmentByTheGuide(config: AppConfigInput): void {
  // Step 1: account, region, production and a CIDR that overlaps nothing it connects to.
  config.environments.qa = {
    account: "nonprod",
    region: "us-east-1",
    production: false,
    network: { cidr: "10.40.0.0/16" },
  };
  // Step 2: a workload profile, so the capacity plan sizes it.
  config.workloads = { ...config.workloads, qa: { ...SUMA_WORKLOADS.dev! } };
  // Step 3: a GitHub environment, in pipeline order (after staging, before prod).
  const { prod, dr, ...before } = config.github!.environments;
  config.github!.environments = { ...before, qa: { reviewers: { teams: ["auth-backend"] } }, prod: prod!, dr: dr! };
}

describe("adding an environment by the guide", () => {
  it("names the config keys the steps below use", () => {
    for (const key of [
      "`environments`",
      "`account`",
      "`region`",
      "`production`",
      "`network.cidr`",
      "`config/workloads.ts`",
      "`github.environments`",
    ])
      expect(guide).toContain(key);
  });

  // Step 4: synth, as main.ts does, into an output directory the synth checks read.
  const config = loadConfig(withConfig(addEnvironmentByTheGuide));
  const outdir = mkdtempSync(join(tmpdir(), "suma-guide-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  buildApp(config, { outdir }).app.synth();
  const app = readSynthesizedApp(outdir);
  const stacks = app.stacks as Record<string, StackJson>;

  it("synthesizes a stack for it besides every other stack", () => {
    expect(Object.keys(stacks).sort()).toEqual(allStackNames(config).sort());
    expect(Object.keys(stacks)).toContain("suma-auth-qa");
    expect(blocks(stacks["suma-auth-qa"]!, "aws_vpc").map((b) => b.values.cidr_block)).toEqual(["10.40.0.0/16"]);
  });

  it("passes every synth check with no finding left open: the non-production suppressions cover it by class", () => {
    const warnings: string[] = [];
    expect(() =>
      checkSynthesizedOutput(config, outdir, { warn: (t) => warnings.push(t), info: () => undefined }),
    ).not.toThrow();
    expect(warnings).toEqual([]);
    expect(deployabilityFindings(app)).toEqual([]);
  });

  it("deploys from the pipeline, after staging and before prod", () => {
    const github = stacks["suma-auth-github"]!;
    expect(blocks(github, "github_repository_environment").map((b) => b.values.environment)).toContain("qa");
    const deploy = blocks(github, "github_repository_file").find(
      (b) => b.values.file === ".github/workflows/deploy.yml",
    )!;
    const workflow = parse(String(deploy.values.content).replace(/\$\$\{/g, "${")) as {
      jobs: Record<string, { needs?: string; environment?: unknown }>;
    };
    expect(workflow.jobs["deploy-qa"]?.needs).toBe("deploy-staging");
    expect(workflow.jobs["deploy-prod"]?.needs).toBe("deploy-qa");
  });
});
