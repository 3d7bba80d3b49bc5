import { parse } from "yaml";
import { ACTIONS, ciWorkflow, isPinned, renderWorkflow, TRIVY_VERSION } from "../../../../modules/github/workflows";
import { PropsError } from "../../../../modules/core/validation";
import { allSteps, job, sampleCi } from "./fixtures";

describe("ciWorkflow", () => {
  // The checks branch protection requires (the ruleset in the GitHub stack names the same five).
  const REQUIRED_CHECKS = ["lint", "test", "build", "docker-build", "image-scan"];
  const ci = sampleCi();

  it("is named CI and runs on pull requests and pushes to main", () => {
    expect(ci.name).toBe("CI");
    expect(ci.on.pull_request).toEqual({});
    expect(ci.on.push).toEqual({ branches: ["main"] });
  });

  it("gives the token read-only contents access and nothing else", () => {
    expect(ci.permissions).toEqual({ contents: "read" });
    for (const j of Object.values(ci.jobs)) expect(j.permissions).toBeUndefined();
  });

  it.each(REQUIRED_CHECKS)("has the required check %s as a job id and job name", (check) => {
    expect(job(ci, check).name).toBe(check);
  });

  it("has no job that is not a required check (every job reports a status branch protection expects)", () => {
    expect(Object.keys(ci.jobs).sort()).toEqual([...REQUIRED_CHECKS].sort());
    // and the rendered YAML says the same
    const rendered = parse(renderWorkflow(ci)) as { jobs: Record<string, { name: string }> };
    expect(Object.entries(rendered.jobs).map(([id, j]) => [id, j.name])).toEqual(REQUIRED_CHECKS.map((c) => [c, c]));
  });

  it.each(["lint", "test", "build"] as const)(
    "%s installs with npm ci on the configured Node.js and runs its npm command",
    (check) => {
      const steps = job(ci, check).steps;
      expect(steps.find((s) => s.uses === ACTIONS.setupNode.uses)?.with).toEqual({
        "node-version": "20",
        cache: "npm",
      });
      const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run]));
      expect(runs[0]).toContain("\nnpm ci\n");
      expect(runs[1]).toContain({ lint: "npm run lint", test: "npm test", build: "npm run build" }[check]);
    },
  );

  it("docker-build builds the service Dockerfile tagged with the commit SHA", () => {
    const build = job(ci, "docker-build").steps.find((s) => s.run?.includes("docker build"));
    expect(build?.run).toContain('docker build -t "auth-service:${IMAGE_TAG}" -f backend/auth-service/Dockerfile .');
    expect(build?.env).toEqual({ IMAGE_TAG: "${{ github.sha }}" });
  });

  it("image-scan builds the image and fails on fixable CRITICAL and HIGH findings", () => {
    const steps = job(ci, "image-scan").steps;
    const build = steps.findIndex((s) => s.run?.includes("docker build"));
    const scan = steps.findIndex((s) => s.uses === ACTIONS.trivy.uses);
    expect(build).toBeGreaterThanOrEqual(0);
    expect(scan).toBeGreaterThan(build);
    expect(steps[scan]?.with).toMatchObject({
      "image-ref": "auth-service:${{ github.sha }}",
      severity: "CRITICAL,HIGH",
      "exit-code": "1",
      "ignore-unfixed": true,
      version: TRIVY_VERSION,
    });
  });

  it("pins every action to a commit SHA and checks out without persisting the token", () => {
    for (const s of allSteps(ci)) if (s.uses !== undefined) expect(isPinned(s.uses)).toBe(true);
    for (const s of allSteps(ci).filter((x) => x.uses === ACTIONS.checkout.uses))
      expect(s.with).toEqual({ "persist-credentials": false });
  });

  it("takes its options", () => {
    const custom = ciWorkflow({
      nodeVersion: "22",
      dockerfile: "svc/Dockerfile",
      imageName: "svc",
      checks: { test: "npm run test:ci" },
      branch: "trunk",
    });
    expect(custom.on.push).toEqual({ branches: ["trunk"] });
    expect(job(custom, "lint").steps[1]?.with).toMatchObject({ "node-version": "22" });
    expect(job(custom, "test").steps[3]?.run).toContain("npm run test:ci");
    expect(job(custom, "docker-build").steps[1]?.run).toContain(
      'docker build -t "svc:${IMAGE_TAG}" -f svc/Dockerfile .',
    );
  });

  it.each([
    [{ nodeVersion: "twenty" }, "ciWorkflow: nodeVersion"],
    [{ dockerfile: "../Dockerfile" }, "ciWorkflow: dockerfile"],
    [{ dockerfile: "a b/Dockerfile" }, "ciWorkflow: dockerfile"],
    [{ imageName: "Auth Service" }, "ciWorkflow: imageName"],
    [{ checks: { lint: "" } }, "ciWorkflow: checks.lint"],
    [{ checks: { test: "echo ${{ github.event.pull_request.title }}" } }, "ciWorkflow: checks.test"],
    [{ runsOn: "ubuntu latest" }, "ciWorkflow: runsOn"],
  ])("rejects %j at %s", (props, path) => {
    expect(() => ciWorkflow(props)).toThrow(PropsError);
    expect(() => ciWorkflow(props)).toThrow(new RegExp(`^${path.replace(/\./g, "\\.")}: `));
  });
});
