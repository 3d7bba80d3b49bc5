import {
  ACTIONS,
  DEPLOY_VARIABLES,
  deployWorkflow,
  isPinned,
  RELEASE_TAG_CONDITION,
  renderWorkflow,
  type Step,
} from "../../../../modules/github/workflows";
import { PropsError } from "../../../../modules/core/validation";
import { allSteps, job, PIPELINE, runStepOf, sampleCi, sampleDeploy, step, stepIndex } from "./fixtures";

describe("deployWorkflow", () => {
  const deploy = sampleDeploy();
  const jobs = ["deploy-dev", "deploy-staging", "deploy-prod"];

  it("runs on pushes to main, on v* tags and by hand", () => {
    expect(deploy.on).toEqual({ push: { branches: ["main"], tags: ["v*"] }, workflow_dispatch: {} });
  });

  it("deploys the environments in order, each job needing the previous one", () => {
    expect(Object.keys(deploy.jobs)).toEqual(jobs);
    expect(job(deploy, "deploy-dev").needs).toBeUndefined();
    expect(job(deploy, "deploy-staging").needs).toBe("deploy-dev");
    expect(job(deploy, "deploy-prod").needs).toBe("deploy-staging");
  });

  it("deploys prod only for release tags; the others for main or a release tag", () => {
    expect(job(deploy, "deploy-prod").if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(RELEASE_TAG_CONDITION).toBe("startsWith(github.ref, 'refs/tags/v')");
    for (const id of ["deploy-dev", "deploy-staging"]) {
      expect(job(deploy, id).if).toBe("github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/v')");
    }
  });

  it("grants id-token: write on the deploy jobs only; the workflows' default is contents: read", () => {
    expect(deploy.permissions).toEqual({ contents: "read" });
    for (const id of jobs) expect(job(deploy, id).permissions).toEqual({ "id-token": "write", contents: "read" });
    const ci = sampleCi();
    expect(ci.permissions).toEqual({ contents: "read" });
    expect(renderWorkflow(ci)).not.toContain("id-token");
  });

  it("deploys into the GitHub environment with its URL, one run at a time per environment, never cancelled", () => {
    for (const [i, name] of ["dev", "staging", "prod"].entries()) {
      const j = job(deploy, jobs[i] as string);
      expect(j.environment).toEqual({ name, url: "https://${{ vars.SERVICE_HOSTNAME }}" });
      expect(j.concurrency).toEqual({ group: `deploy-${name}`, "cancel-in-progress": false });
    }
  });

  it("uses OIDC: no long-lived AWS keys and no AWS secrets anywhere", () => {
    for (const yaml of [renderWorkflow(deploy), renderWorkflow(sampleCi())]) {
      expect(yaml).not.toMatch(/secrets\.AWS/i);
      expect(yaml).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
      expect(yaml).not.toContain("secrets.");
    }
    for (const id of jobs) {
      const creds = job(deploy, id).steps.find((s) => s.uses === ACTIONS.configureAwsCredentials.uses);
      expect(creds?.with).toMatchObject({
        "role-to-assume": "${{ vars.AWS_ROLE_ARN }}",
        "aws-region": "${{ vars.AWS_REGION }}",
      });
    }
  });

  it("takes every AWS value from the environment's variables, and uses each of them", () => {
    const yaml = renderWorkflow(deploy);
    const used = new Set([...yaml.matchAll(/\$\{\{\s*vars\.([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...DEPLOY_VARIABLES].sort());
  });

  it("pins every action, in both workflows, to a commit SHA", () => {
    const uses = [...allSteps(deploy), ...allSteps(sampleCi())].flatMap((s) => (s.uses === undefined ? [] : [s.uses]));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(isPinned(u) || u.startsWith("./")).toBe(true);
  });

  it("passes ${{ }} values to scripts through env:, never inside run:, and runs bash strictly", () => {
    const runs = [...allSteps(deploy), ...allSteps(sampleCi())].filter(
      (s): s is Step & { run: string } => s.run !== undefined,
    );
    expect(runs.length).toBeGreaterThan(10);
    for (const s of runs) {
      expect(s.run).not.toContain("${{");
      expect(s.shell).toBe("bash");
      expect(s.run.startsWith("set -euo pipefail\n")).toBe(true);
    }
  });

  describe.each(jobs)("%s", (id) => {
    const j = job(deploy, id);
    const index = (p: (s: Step) => boolean) => stepIndex(j, p);

    it("logs in with OIDC and to ECR (step id ecr) before anything else touches AWS", () => {
      expect(j.steps[0]?.uses).toBe(ACTIONS.checkout.uses);
      expect(j.steps[1]?.uses).toBe(ACTIONS.configureAwsCredentials.uses);
      expect(j.steps[2]).toMatchObject({ id: "ecr", uses: ACTIONS.amazonEcrLogin.uses });
    });

    it("records the running task definition before building and deploying", () => {
      const previous = runStepOf(j, "previous");
      expect(previous.run).toContain(
        `aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query 'services[0].taskDefinition' --output text`,
      );
      expect(previous.run).not.toContain("deployments[1]");
      expect(previous.run).toContain('echo "arn=$arn" >> "$GITHUB_OUTPUT"');
      expect(previous.env).toEqual({ ECS_CLUSTER: "${{ vars.ECS_CLUSTER }}", ECS_SERVICE: "${{ vars.ECS_SERVICE }}" });
      const recorded = index((s) => s.id === "previous");
      expect(recorded).toBeLessThan(index((s) => s.id === "image"));
      expect(recorded).toBeLessThan(index((s) => s.id === "deploy"));
    });

    it("builds the service image tagged with the commit, checks it against the image contract, then pushes it to the environment's ECR repository", () => {
      const build = runStepOf(j, "build");
      expect(build.run).toContain('docker build -t "$image" -f backend/auth-service/Dockerfile .');
      expect(build.run).not.toContain("docker push");
      expect(build.env).toEqual({
        ECR_REGISTRY: "${{ steps.ecr.outputs.registry }}",
        ECR_REPOSITORY: "${{ vars.ECR_REPOSITORY }}",
        IMAGE_TAG: "${{ github.sha }}",
      });
      const contract = runStepOf(j, "contract");
      expect(contract.if).toBe("steps.build.outputs.built == 'true'");
      expect(contract.env).toEqual({ IMAGE: "${{ steps.build.outputs.uri }}" });
      const image = runStepOf(j, "image");
      expect(image.run).toContain('if [[ "${BUILT:-}" == "true" ]]; then docker push "$IMAGE_URI"; fi');
      expect(image.env).toMatchObject({
        IMAGE_URI: "${{ steps.build.outputs.uri }}",
        BUILT: "${{ steps.build.outputs.built }}",
      });
      expect(index((s) => s.id === "build")).toBeLessThan(index((s) => s.id === "contract"));
      expect(index((s) => s.id === "contract")).toBe(index((s) => s.id === "image") - 1);
      // Only the build step builds and only the push step pushes.
      expect(j.steps.filter((s) => s.run?.includes("docker push")).map((s) => s.id)).toEqual(["image"]);
      expect(j.steps.filter((s) => s.run?.includes("docker build")).map((s) => s.id)).toEqual(["build"]);
    });

    it("takes the pre-deployment backup only for major release tags, after the build and before the deploy", () => {
      const release = runStepOf(j, "release");
      expect(release.run).toContain('"$GITHUB_REF_NAME" =~ ^v[0-9]+\\.0\\.0$');
      const backup = runStepOf(j, "backup");
      expect(backup.if).toBe("steps.release.outputs.major == 'true'");
      expect(backup.run).toContain("aws backup start-backup-job");
      expect(backup.run).toMatch(/aws backup describe-backup-job --backup-job-id "\$job_id" --query State/);
      expect(backup.run).toContain("FAILED|ABORTED|EXPIRED)");
      expect(backup.env).toEqual({
        BACKUP_VAULT: "${{ vars.BACKUP_VAULT }}",
        BACKUP_ROLE_ARN: "${{ vars.BACKUP_ROLE_ARN }}",
        DATABASE_CLUSTER_ARN: "${{ vars.DATABASE_CLUSTER_ARN }}",
      });
      expect(index((s) => s.id === "release")).toBeLessThan(index((s) => s.id === "backup"));
      expect(index((s) => s.id === "image")).toBeLessThan(index((s) => s.id === "backup"));
      expect(index((s) => s.id === "backup")).toBeLessThan(index((s) => s.id === "deploy"));
    });

    it("renders the new image into the running task definition, registers it, and deploys it with one UpdateService call", () => {
      const download = index((s) => s.run?.includes("aws ecs describe-task-definition") === true);
      const downloadStep = j.steps[download];
      expect(downloadStep?.run).toContain(
        'aws ecs describe-task-definition --task-definition "$PREVIOUS_TASK_DEFINITION" --query taskDefinition > task-definition.json',
      );
      expect(downloadStep?.env).toEqual({ PREVIOUS_TASK_DEFINITION: "${{ steps.previous.outputs.arn }}" });
      expect(step(j, "render")).toMatchObject({
        uses: ACTIONS.amazonEcsRenderTaskDefinition.uses,
        with: {
          "task-definition": "task-definition.json",
          "container-name": "app",
          image: "${{ steps.image.outputs.uri }}",
        },
      });
      // The action only registers (no service input); the deploy step updates the service itself.
      expect(step(j, "register")).toEqual({
        id: "register",
        name: expect.any(String),
        uses: ACTIONS.amazonEcsDeployTaskDefinition.uses,
        with: { "task-definition": "${{ steps.render.outputs.task-definition }}" },
      });
      const deployStep = runStepOf(j, "deploy");
      expect(deployStep.env).toEqual({
        ECS_CLUSTER: "${{ vars.ECS_CLUSTER }}",
        ECS_SERVICE: "${{ vars.ECS_SERVICE }}",
        TASK_DEFINITION: "${{ steps.register.outputs.task-definition-arn }}",
        DESIRED_COUNT: "${{ steps.scale.outputs.count }}",
      });
      expect(deployStep["timeout-minutes"]).toBe(35);
      expect(download).toBeLessThan(index((s) => s.id === "render"));
      expect(index((s) => s.id === "render")).toBeLessThan(index((s) => s.id === "register"));
      expect(index((s) => s.id === "register")).toBeLessThan(index((s) => s.id === "scale"));
      expect(index((s) => s.id === "scale")).toBeLessThan(index((s) => s.id === "deploy"));
    });

    it("publishes the digest of the image it deployed as a job output", () => {
      expect(j.outputs).toEqual({ "image-digest": "${{ steps.image.outputs.digest }}" });
    });

    it("verifies the health endpoint answers 200 and the ECS rollout COMPLETED on the new task definition", () => {
      const health = runStepOf(j, "health");
      expect(health.run).toContain(`url="https://$SERVICE_HOSTNAME"/health`);
      expect(health.run).toContain("curl");
      expect(health.run).toContain('[[ "$code" == "200" ]]');
      const rollout = runStepOf(j, "rollout");
      expect(rollout.run).toContain(`--query "services[0].deployments[?status=='PRIMARY'].rolloutState | [0]"`);
      expect(rollout.run).toContain('[[ "$state" != "COMPLETED" ]]');
      expect(rollout.env).toMatchObject({
        DEPLOYED_TASK_DEFINITION: "${{ steps.deploy.outputs.task-definition-arn }}",
      });
      expect(index((s) => s.id === "deploy")).toBeLessThan(index((s) => s.id === "health"));
    });

    it("rolls back on failure to the recorded task definition with a forced new deployment, and waits", () => {
      const rollback = runStepOf(j, "rollback");
      expect(j.steps[j.steps.length - 1]).toBe(rollback);
      expect(rollback.if).toBe("failure() && steps.previous.outputs.arn != ''");
      expect(rollback.env).toMatchObject({ PREVIOUS_TASK_DEFINITION: "${{ steps.previous.outputs.arn }}" });
      expect(rollback.run).toContain(
        'aws ecs update-service --cluster "$ECS_CLUSTER" --service "$ECS_SERVICE" --task-definition "$PREVIOUS_TASK_DEFINITION" --force-new-deployment',
      );
      expect(rollback.run).toContain('aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE"');
    });
  });

  it("makes the last environment release-only by default and honours releaseTagsOnly", () => {
    const two = deployWorkflow({
      service: "svc",
      environments: [
        { name: "test", strategy: "rolling" },
        { name: "live", strategy: "rolling" },
      ],
    });
    expect(job(two, "deploy-live").if).toBe(RELEASE_TAG_CONDITION);
    const explicit = deployWorkflow({
      service: "svc",
      environments: [
        { name: "dev", strategy: "rolling", releaseTagsOnly: false },
        { name: "staging", strategy: "canary", releaseTagsOnly: true },
        { name: "prod", strategy: "canary" },
      ],
    });
    expect(job(explicit, "deploy-staging").if).toBe(RELEASE_TAG_CONDITION);
    expect(job(explicit, "deploy-prod").if).toBe(RELEASE_TAG_CONDITION);
  });

  describe("a replica (DR) environment", () => {
    const withDr = deployWorkflow({
      ...PIPELINE,
      environments: [
        ...PIPELINE.environments,
        { name: "dr", strategy: "rolling", releaseTagsOnly: true, replicaOf: "prod" },
      ],
    });
    const dr = job(withDr, "deploy-dr");
    const ids = dr.steps.map((s) => s.id);

    it("runs after prod for every release tag, in its own environment", () => {
      expect(dr.needs).toBe("deploy-prod");
      expect(dr.if).toBe(RELEASE_TAG_CONDITION);
      expect(dr.environment).toEqual({ name: "dr", url: "https://${{ vars.SERVICE_HOSTNAME }}" });
      expect(dr.permissions).toEqual({ "id-token": "write", contents: "read" });
    });

    it("deploys prod's image by digest once replicated: no build, no registry login, no backup", () => {
      expect(runStepOf(dr, "image").env).toEqual({
        ECR_REPOSITORY: "${{ vars.ECR_REPOSITORY }}",
        IMAGE_DIGEST: "${{ needs.deploy-prod.outputs.image-digest }}",
      });
      expect(renderWorkflow(withDr)).toContain("needs.deploy-prod.outputs.image-digest");
      expect(ids).not.toContain("backup");
      expect(ids).not.toContain("ecr");
      expect(dr.steps.some((s) => s.run?.includes("docker") === true)).toBe(false);
      expect(dr.steps.some((s) => s.env !== undefined && Object.keys(s.env).some((k) => k.startsWith("BACKUP")))).toBe(
        false,
      );
      expect(dr.outputs).toBeUndefined();
    });

    it("deploys like the others: record, render, register, scale from 0, update, verify the rollout, roll back", () => {
      expect(ids).toEqual([
        undefined,
        "previous",
        "image",
        undefined,
        "render",
        "register",
        "scale",
        "deploy",
        "rollout",
        "rollback",
      ]);
      expect(dr.steps[0]?.uses).toBe(ACTIONS.configureAwsCredentials.uses);
      expect(runStepOf(dr, "deploy").env).toMatchObject({ DESIRED_COUNT: "${{ steps.scale.outputs.count }}" });
    });

    it("needs its source directly when it is not the previous environment", () => {
      const w = deployWorkflow({
        service: "svc",
        environments: [
          { name: "prod", strategy: "canary", releaseTagsOnly: true },
          { name: "other", strategy: "rolling", releaseTagsOnly: true },
          { name: "dr", strategy: "rolling", releaseTagsOnly: true, replicaOf: "prod" },
        ],
      });
      expect(job(w, "deploy-dr").needs).toEqual(["deploy-other", "deploy-prod"]);
    });

    it.each([
      [
        [
          { name: "dr", strategy: "rolling", replicaOf: "prod" },
          { name: "prod", strategy: "canary" },
        ],
        "deployWorkflow: environments[0].replicaOf",
      ],
      [
        [
          { name: "prod", strategy: "canary" },
          { name: "dr", strategy: "rolling", replicaOf: "nope" },
        ],
        "deployWorkflow: environments[1].replicaOf",
      ],
      [
        [
          { name: "prod", strategy: "canary", releaseTagsOnly: true },
          { name: "dr", strategy: "rolling", releaseTagsOnly: true, replicaOf: "prod" },
          { name: "dr2", strategy: "rolling", replicaOf: "dr" },
        ],
        "deployWorkflow: environments[2].replicaOf",
      ],
      [
        [
          { name: "prod", strategy: "canary", releaseTagsOnly: true },
          { name: "x", strategy: "rolling", releaseTagsOnly: true },
          { name: "dr", strategy: "rolling", releaseTagsOnly: false, replicaOf: "prod" },
        ],
        "deployWorkflow: environments[2].releaseTagsOnly",
      ],
    ])("rejects %j at %s", (environments, path) => {
      const props = { ...PIPELINE, environments } as Parameters<typeof deployWorkflow>[0];
      expect(() => deployWorkflow(props)).toThrow(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: `));
    });
  });

  it("names canary and rolling deploy steps for what ECS does, with the same wait", () => {
    expect(step(job(deploy, "deploy-dev"), "deploy").name).toMatch(/rolling/);
    expect(step(job(deploy, "deploy-prod"), "deploy").name).toMatch(/canary/);
  });

  it("takes its options", () => {
    const custom = deployWorkflow({
      ...PIPELINE,
      healthPath: "/ready",
      dockerfile: "svc/Dockerfile",
      containerName: "web",
      waitForMinutes: 45,
      branch: "trunk",
    });
    const dev = job(custom, "deploy-dev");
    expect(custom.on.push).toEqual({ branches: ["trunk"], tags: ["v*"] });
    expect(runStepOf(dev, "health").run).toContain(`url="https://$SERVICE_HOSTNAME"/ready`);
    expect(runStepOf(dev, "build").run).toContain("-f svc/Dockerfile .");
    expect(step(dev, "render").with).toMatchObject({ "container-name": "web" });
    expect(runStepOf(dev, "deploy").run).toContain("seq 1 5");
    expect(runStepOf(dev, "deploy")["timeout-minutes"]).toBe(50);
  });

  it.each([
    [{ environments: [] }, "deployWorkflow: environments"],
    [{ environments: [{ name: "Prod", strategy: "rolling" }] }, "deployWorkflow: environments[0].name"],
    [
      {
        environments: [
          { name: "dev", strategy: "rolling" },
          { name: "dev", strategy: "canary" },
        ],
      },
      "deployWorkflow: environments[1].name",
    ],
    [{ environments: [{ name: "dev", strategy: "blue-green" }] }, "deployWorkflow: environments[0].strategy"],
    [
      {
        environments: [
          { name: "a", strategy: "rolling", releaseTagsOnly: true },
          { name: "b", strategy: "rolling", releaseTagsOnly: false },
        ],
      },
      "deployWorkflow: environments[1].releaseTagsOnly",
    ],
    [{ service: "Auth Service" }, "deployWorkflow: service"],
    [{ service: "a-service-name-far-too-long-for-the-backup-name" }, "deployWorkflow: service"],
    [{ healthPath: "health" }, "deployWorkflow: healthPath"],
    [{ healthPath: "/health?x=$(id)" }, "deployWorkflow: healthPath"],
    [{ dockerfile: "/etc/Dockerfile" }, "deployWorkflow: dockerfile"],
    [{ containerName: "app;rm" }, "deployWorkflow: containerName"],
    [{ waitForMinutes: 0 }, "deployWorkflow: waitForMinutes"],
    [{ backupTimeoutMinutes: 1.5 }, "deployWorkflow: backupTimeoutMinutes"],
  ])("rejects %j at %s", (override, path) => {
    const props = { ...PIPELINE, ...override } as Parameters<typeof deployWorkflow>[0];
    expect(() => deployWorkflow(props)).toThrow(PropsError);
    expect(() => deployWorkflow(props)).toThrow(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: `));
  });
});
