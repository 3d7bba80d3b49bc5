/**
 * Deployability rules of the deploy pipeline (SUMA-DEP-150..153): each with a violating and a
 * compliant fixture built from the real constructs, and the default app has no finding.
 */
import type { Construct } from "constructs";
import { DeploymentEnvironment, WorkflowFile, type DeploymentBranchPolicy } from "../../../../../modules/github";
import { deployWorkflow, type Job, type Workflow } from "../../../../../modules/github/workflows";
import { deployabilityFindings } from "../../../../../analysis/policy";
import {
  PIPELINE_DEPLOYABILITY_CHECKS,
  PIPELINE_DEPLOYABILITY_RULES,
} from "../../../../../analysis/policy/rules/deployability/pipeline";
import { synthApp, synthConstruct, type StackJson } from "../../../../support/synth";

const pack = { rules: PIPELINE_DEPLOYABILITY_RULES, appChecks: PIPELINE_DEPLOYABILITY_CHECKS };
const RELEASE: DeploymentBranchPolicy = { kind: "custom", tags: ["v*"] };
const MAIN_AND_RELEASE: DeploymentBranchPolicy = { kind: "custom", branches: ["main"], tags: ["v*"] };

const pipeline = (): Workflow =>
  deployWorkflow({
    service: "auth-service",
    environments: [
      { name: "dev", strategy: "rolling", releaseTagsOnly: false },
      { name: "prod", strategy: "canary", releaseTagsOnly: true },
      { name: "dr", strategy: "rolling", releaseTagsOnly: true, replicaOf: "prod" },
    ],
  });

/** A stack with the three environments (policies overridable) and the workflow committed. */
function stackWith(
  policies: Partial<Record<"dev" | "prod" | "dr", DeploymentBranchPolicy>> = {},
  workflow: Workflow = pipeline(),
): StackJson {
  return synthConstruct((scope: Construct) => {
    const all = { dev: MAIN_AND_RELEASE, prod: RELEASE, dr: RELEASE, ...policies };
    for (const [name, branchPolicy] of Object.entries(all))
      new DeploymentEnvironment(scope, `env-${name}`, { repository: "auth-service", name, branchPolicy });
    new WorkflowFile(scope, "deploy", { repository: "auth-service", fileName: "deploy.yml", workflow });
  });
}

const findings = (stack: StackJson) =>
  deployabilityFindings({ stacks: { github: stack as never }, dependencies: { github: [] } }, pack);
const of = (stack: StackJson, ruleId: string) => findings(stack).filter((f) => f.ruleId === ruleId);

/** The workflow with one job changed. */
function withJob(id: string, change: (job: Job) => Job): Workflow {
  const w = pipeline();
  return { ...w, jobs: { ...w.jobs, [id]: change(w.jobs[id]!) } };
}

describe("the compliant pipeline", () => {
  it("has no finding from any pipeline rule", () => {
    expect(findings(stackWith())).toEqual([]);
  });
});

describe("SUMA-DEP-150: a tag-triggered job's environment admits the tag", () => {
  it("finds prod limited to protected branches (a tag is not a branch), on the workflow file", () => {
    const found = of(stackWith({ prod: { kind: "protected-branches" } }), "SUMA-DEP-150");
    expect(found).toHaveLength(1);
    expect(found[0]!.address).toMatch(/^github_repository_file\./);
    expect(found[0]!.message).toBe(
      'job deploy-prod runs for tag v1.0.0, but environment "prod" admits only protected branches, and a tag is not a branch: GitHub refuses the deployment; use custom policies with tag_pattern "v*"',
    );
  });

  it("finds a custom policy whose tag patterns admit no release tag, and dev's policy without tags", () => {
    const found = of(
      stackWith({ dr: { kind: "custom", tags: ["release-*"] }, dev: { kind: "custom", branches: ["main"] } }),
      "SUMA-DEP-150",
    );
    expect(found.map((f) => f.message)).toEqual([
      'job deploy-dev runs for tag v1.0.0, but no tag_pattern of environment "dev" admits it (none): GitHub refuses the deployment',
      'job deploy-dr runs for tag v1.0.0, but no tag_pattern of environment "dr" admits it (release-*): GitHub refuses the deployment',
    ]);
  });

  it("passes v* tag patterns", () => {
    expect(of(stackWith({ prod: { kind: "custom", tags: ["v*"] } }), "SUMA-DEP-150")).toEqual([]);
  });
});

describe("SUMA-DEP-151: a branch-triggered job's environment admits the branch", () => {
  it("finds dev, which deploys main, admitting only release tags", () => {
    const found = of(stackWith({ dev: RELEASE }), "SUMA-DEP-151");
    expect(found.map((f) => f.message)).toEqual([
      'job deploy-dev runs for pushes to main, but no branch_pattern of environment "dev" admits it (none): GitHub refuses the deployment',
    ]);
  });

  it("passes a branch pattern that matches main", () => {
    expect(of(stackWith({ dev: { kind: "custom", branches: ["ma*"], tags: ["v*"] } }), "SUMA-DEP-151")).toEqual([]);
  });
});

describe("SUMA-DEP-152: no job needs a job skipped for its refs", () => {
  it("finds a job that deploys main but needs a release-only job", () => {
    const w = pipeline();
    const reordered: Workflow = {
      ...w,
      jobs: {
        "deploy-prod": { ...w.jobs["deploy-prod"]!, needs: undefined },
        "deploy-dev": { ...w.jobs["deploy-dev"]!, needs: "deploy-prod" },
        "deploy-dr": w.jobs["deploy-dr"]!,
      },
    };
    const found = of(stackWith({}, reordered), "SUMA-DEP-152");
    expect(found.map((f) => f.message)).toEqual([
      "job deploy-dev runs for pushes to main, but it needs deploy-prod, which does not, so GitHub always skips deploy-dev there",
    ]);
  });

  it("passes when the dependent job runs only for refs its need runs for, or runs after skipped needs on purpose", () => {
    expect(of(stackWith(), "SUMA-DEP-152")).toEqual([]);
    const w = withJob("deploy-dev", (j) => ({
      ...j,
      needs: "deploy-prod",
      if: "always() && github.ref == 'refs/heads/main'",
    }));
    expect(of(stackWith({}, w), "SUMA-DEP-152")).toEqual([]);
  });
});

describe("SUMA-DEP-153: needs.<job>.outputs only from direct needs and declared outputs", () => {
  it("finds the DR job reading prod's digest without needing prod", () => {
    const found = of(
      stackWith(
        {},
        withJob("deploy-dr", (j) => ({ ...j, needs: "deploy-dev" })),
      ),
      "SUMA-DEP-153",
    );
    expect(found.map((f) => f.message)).toEqual([
      "job deploy-dr reads needs.deploy-prod.outputs.image-digest, but does not need deploy-prod directly, so the value is empty",
    ]);
  });

  it("finds the DR job reading an output prod does not declare", () => {
    const found = of(
      stackWith(
        {},
        withJob("deploy-prod", (j) => ({ ...j, outputs: undefined })),
      ),
      "SUMA-DEP-153",
    );
    expect(found.map((f) => f.message)).toEqual([
      "job deploy-dr reads needs.deploy-prod.outputs.image-digest, but deploy-prod declares no output image-digest, so the value is empty",
    ]);
  });

  it("passes the generated pipeline", () => {
    expect(of(stackWith(), "SUMA-DEP-153")).toEqual([]);
  });
});

describe("SUMA-DEP-154: each deploy environment's role exists in its account and trusts the environment", () => {
  const trust = (env: string) =>
    JSON.stringify({
      Statement: [
        {
          Condition: {
            StringEquals: { "token.actions.githubusercontent.com:sub": [`repo:acme/auth-service:environment:${env}`] },
          },
        },
      ],
    });
  /** A GitHub stack with environment dr and its variables, and the DR stack with its role and service. */
  const app = (change: { roleName?: string; trustedEnv?: string; service?: string; region?: string } = {}) => ({
    stacks: {
      github: {
        provider: { github: [{ owner: "acme" }] },
        resource: {
          github_repository_environment: { dr_env: { repository: "auth-service", environment: "dr" } },
          github_actions_environment_variable: {
            role: {
              environment: "${github_repository_environment.dr_env.environment}",
              variable_name: "AWS_ROLE_ARN",
              value: "arn:aws:iam::222222222222:role/acme-dr-github-deploy",
            },
            region: {
              environment: "${github_repository_environment.dr_env.environment}",
              variable_name: "AWS_REGION",
              value: change.region ?? "us-west-2",
            },
            service: {
              environment: "${github_repository_environment.dr_env.environment}",
              variable_name: "ECS_SERVICE",
              value: "acme-dr",
            },
          },
        },
      },
      dr: {
        provider: { aws: [{ allowed_account_ids: ["222222222222"], region: "us-west-2" }] },
        resource: {
          aws_iam_role: {
            deploy: {
              name: change.roleName ?? "acme-dr-github-deploy",
              assume_role_policy: trust(change.trustedEnv ?? "dr"),
            },
          },
          aws_ecs_service: { service: { name: change.service ?? "acme-dr" } },
        },
      },
    } as never,
    dependencies: { github: [], dr: [] },
  });
  const messages = (a: ReturnType<typeof app>) =>
    deployabilityFindings(a, pack)
      .filter((f) => f.ruleId === "SUMA-DEP-154")
      .map((f) => [f.stack, f.address, f.message]);

  it("passes a role, region and service that match", () => {
    expect(messages(app())).toEqual([]);
  });

  it("finds a role no stack of the account creates", () => {
    expect(messages(app({ roleName: "someone-else" }))).toEqual([
      [
        "github",
        "github_actions_environment_variable.role",
        'environment "dr" deploys with role acme-dr-github-deploy in account 222222222222, but no stack creates that role there, so every deploy job fails to assume it',
      ],
    ]);
  });

  it("finds a role that trusts another environment, a wrong region and a missing service", () => {
    expect(messages(app({ trustedEnv: "prod", region: "us-east-1", service: "acme-prod" })).map((m) => m[2])).toEqual([
      'role acme-dr-github-deploy (stack dr) does not trust GitHub environment "dr" (no subject ending :environment:dr), so the token is refused',
      'environment "dr" sets AWS_REGION us-east-1, but its role\'s stack dr deploys to us-west-2',
      'environment "dr" deploys ECS service acme-dr, but its role\'s stack dr has no such service',
    ]);
  });
});

describe("the default app", () => {
  it("has no pipeline deployability finding in any stack", () => {
    const { stacks } = synthApp();
    expect(
      Object.values(stacks).some((s) => JSON.stringify(s.resource?.github_repository_file ?? {}).includes("deploy-dr")),
    ).toBe(true);
    expect(deployabilityFindings({ stacks: stacks as never, dependencies: {} }, pack)).toEqual([]);
    // The check did look at every GitHub environment, DR included.
    const github = Object.values(stacks).find((s) => s.resource?.github_actions_environment_variable)!;
    expect(JSON.stringify(github.resource!.github_actions_environment_variable)).toContain(
      "suma-auth-dr-github-deploy",
    );
  });
});
