/**
 * The GitHub stack under other settings than the default app's: a repository to create, GitHub Team,
 * and a custom image contract. Each variant is a whole-app synth, so these run in the slow tier.
 */
import { parse } from "yaml";
import { deployabilityFindings, type TerraformJson } from "../../analysis/policy";
import { GITHUB_DEPLOYABILITY_RULES } from "../../analysis/policy/rules/deployability/github";
import { blocks, only, synthApp, withConfig } from "../support/synth";

describe("the GitHub stack for a repository that does not exist yet", () => {
  it("creates the repository with an initial commit, and imports nothing, when it does not exist yet", () => {
    const created = synthApp(withConfig((c) => void (c.github!.adoptExistingRepository = false))).stacks[
      "suma-auth-github"
    ]!;
    expect(only(created, "github_repository").values.auto_init).toBe(true);
    expect((created as { import?: unknown }).import).toBeUndefined();
  });
});

describe("the GitHub stack on GitHub Team", () => {
  const team = withConfig((c) => {
    c.github!.organization = { plan: "team", secretProtection: true };
    for (const env of Object.values(c.github!.environments)) {
      delete env.reviewers;
      delete env.waitTimerMinutes;
    }
  });

  it("on Team without reviewers, sends GitHub's default admin-bypass setting and synthesizes with no deployability finding", () => {
    const { stacks: teamStacks } = synthApp(team);
    const json = teamStacks["suma-auth-github"]!;
    for (const e of blocks(json, "github_repository_environment"))
      expect(e.values).toMatchObject({ can_admins_bypass: true, wait_timer: 0, prevent_self_review: false });
    expect(
      deployabilityFindings(
        { stacks: teamStacks as Record<string, TerraformJson>, dependencies: {} },
        { rules: GITHUB_DEPLOYABILITY_RULES, appChecks: [] },
      ),
    ).toEqual([]);
  });
});

describe("the GitHub stack's workflows check images against the config's image contract", () => {
  const input = withConfig((c) => {
    c.image = { user: "20000:20000", scratchPaths: ["/tmp", "/var/cache/auth"], healthCheckBinary: "/app/healthcheck" };
    for (const env of Object.values(c.environments)) env.service = { ...env.service, containerPort: 9090 };
  });
  const custom = synthApp(input).stacks["suma-auth-github"]!;
  const workflow = (path: string) => {
    const content = blocks(custom, "github_repository_file").find((f) => f.values.file === path)!.values.content;
    return parse(String(content).replace(/\$\$\{/g, "${")) as {
      jobs: Record<string, { steps: Array<{ id?: string; run?: string; if?: string }> }>;
    };
  };

  it.each([
    [".github/workflows/deploy.yml", "deploy-prod"],
    [".github/workflows/image-bootstrap.yml", "bootstrap-prod-us-east-1"],
  ])("%s (%s) checks USER, VOLUME, EXPOSE and the health-check binary before it pushes", (path, jobId) => {
    const steps = workflow(path).jobs[jobId]!.steps;
    const contract = steps.findIndex((s) => s.id === "contract");
    const push = steps.findIndex((s) => s.run?.includes("docker push") === true);
    expect(contract).toBeGreaterThan(0);
    expect(contract).toBeLessThan(push);
    const run = steps[contract]!.run!;
    expect(run).toContain('  20000|20000:20000) echo "USER $user" ;;');
    expect(run).toContain("for path in /tmp /var/cache/auth; do");
    expect(run).toContain("grep -Fqx -- 9090/tcp");
    expect(run).toContain('container="$(docker create --entrypoint /app/healthcheck "$IMAGE")"');
  });

  it("the replica (DR) job pushes nothing, so it checks nothing", () => {
    expect(workflow(".github/workflows/deploy.yml").jobs["deploy-dr"]!.steps.some((s) => s.id === "contract")).toBe(
      false,
    );
  });
});

describe("the deploy workflow follows the environments' health path and canary bakes", () => {
  const input = withConfig((c) => {
    for (const env of Object.values(c.environments)) env.service = { ...env.service, healthCheckPath: "/healthz" };
    c.environments.prod!.service = {
      ...c.environments.prod!.service,
      deployment: { strategy: "canary", canaryBakeMinutes: 30, bakeMinutes: 45 },
    };
  });
  const github = synthApp(input).stacks["suma-auth-github"]!;
  const content = blocks(github, "github_repository_file").find(
    (f) => f.values.file === ".github/workflows/deploy.yml",
  )!.values.content;
  const deploy = parse(String(content).replace(/\$\$\{/g, "${")) as {
    jobs: Record<string, { steps: Array<{ id?: string; run?: string; "timeout-minutes"?: number }> }>;
  };

  it("checks the configured health path after each deployment", () => {
    for (const job of ["deploy-dev", "deploy-prod"]) {
      const health = deploy.jobs[job]!.steps.find((s) => s.id === "health")!;
      expect(health.run).toContain("/healthz");
    }
  });

  it("waits for the slowest canary's bakes plus 15 minutes to start and drain tasks (30 + 45 + 15 = 90)", () => {
    const step = deploy.jobs["deploy-dev"]!.steps.find((s) => s.id === "deploy")!;
    expect(step["timeout-minutes"]).toBe(95);
    expect(step.run).toContain("within 90 minutes");
  });
});
