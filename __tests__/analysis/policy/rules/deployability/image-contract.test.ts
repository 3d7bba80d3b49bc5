/**
 * The image contract deployability rules (SUMA-DEP-607 to 609): violating fixtures (a finding on
 * the task definition whose message says what is wrong) and compliant ones (none), built in code.
 * FargateService's own output and the default app have no finding.
 */
import { buildContainerDefinition, FargateService } from "../../../../../modules/ecs-service";
import { DEFAULT_IMAGE_CONTRACT, IMAGE_CONTRACT_LABELS } from "../../../../../modules/ecs-service/image-contract";
import { deployabilityFindings, runPolicy, type TerraformJson } from "../../../../../analysis/policy";
import { DEPLOYABILITY_RULES } from "../../../../../analysis/policy/packs";
import { IMAGE_CONTRACT_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/image-contract";
import type { ResourceValues } from "../../../../../analysis/policy/terraform-json";
import { describeRuleFixtures, type RuleFixtures } from "../../../../support/rule-fixtures";
import { synthAppWithDependencies, synthConstruct } from "../../../../support/synth";

const ADDRESS = "aws_ecs_task_definition.task";
const CONTAINER = buildContainerDefinition(
  { image: "repo:sha", port: 8080 },
  { logGroupName: "/ecs/acme", region: "us-east-1", streamPrefix: "app" },
);

/** A task definition shaped like FargateService's, with one container changed by `change`. */
function stack(
  change: (container: Record<string, unknown>) => void = () => {},
  volumes: readonly Record<string, unknown>[] = [{ name: "tmp" }],
): TerraformJson {
  const container = structuredClone(CONTAINER) as unknown as Record<string, unknown>;
  change(container);
  return {
    resource: {
      aws_ecs_task_definition: {
        task: { family: "acme", container_definitions: JSON.stringify([container]), volume: volumes } as ResourceValues,
      },
    },
  } as TerraformJson;
}
const labels = (c: Record<string, unknown>) => c.dockerLabels as Record<string, string>;
const withoutLabel = (key: string) => (c: Record<string, unknown>) => void delete labels(c)[key];

const FIXTURES: Record<string, RuleFixtures> = {
  "SUMA-DEP-607": {
    violating: [
      {
        what: "a /tmp bind mount the contract doesn't declare",
        stack: stack(withoutLabel(IMAGE_CONTRACT_LABELS.scratchPaths)),
        address: ADDRESS,
        expect:
          /container "app" runs as 10001:10001 with a read-only root and writes to the bind mount \/tmp \(volume "tmp"\), but its image contract \(image-contract\.volumes: none\) does not declare it: Fargate mounts it root-owned with mode 0755/,
      },
      {
        what: "a second mount beside the declared /tmp",
        stack: stack(
          (c) =>
            void (c.mountPoints as unknown[]).push({
              sourceVolume: "cache",
              containerPath: "/var/cache",
              readOnly: false,
            }),
          [{ name: "tmp" }, { name: "cache" }],
        ),
        address: ADDRESS,
        expect:
          /writes to the bind mount \/var\/cache \(volume "cache"\), but its image contract \(image-contract\.volumes: \/tmp\)/,
      },
    ],
    compliant: [
      { what: "FargateService's container (the contract declares /tmp)", stack: stack() },
      {
        what: "a root container (the mount is writable)",
        stack: stack((c) => void ((c.user = "0:0"), delete labels(c)[IMAGE_CONTRACT_LABELS.scratchPaths])),
      },
      {
        what: "a writable root filesystem",
        stack: stack(
          (c) => void ((c.readonlyRootFilesystem = false), delete labels(c)[IMAGE_CONTRACT_LABELS.scratchPaths]),
        ),
      },
      {
        what: "a read-only mount",
        stack: stack(
          (c) =>
            void (
              (c.mountPoints = [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: true }]),
              delete labels(c)[IMAGE_CONTRACT_LABELS.scratchPaths]
            ),
        ),
      },
      {
        what: "an EFS volume",
        stack: stack(withoutLabel(IMAGE_CONTRACT_LABELS.scratchPaths), [
          { name: "tmp", efs_volume_configuration: { file_system_id: "fs-1" } },
        ]),
      },
    ],
  },
  "SUMA-DEP-608": {
    violating: [
      {
        what: "the old CMD-SHELL curl probe",
        stack: stack(
          (c) =>
            void ((c.healthCheck as Record<string, unknown>).command = [
              "CMD-SHELL",
              "curl -fsS http://localhost:8080/health || exit 1",
            ]),
        ),
        address: ADDRESS,
        expect:
          /container "app" runs its health check through the image's shell \(CMD-SHELL "curl -fsS http:\/\/localhost:8080\/health \|\| exit 1"\), but its image contract promises \/usr\/bin\/curl: an image without \/bin\/sh/,
      },
      {
        what: "a binary the contract doesn't name",
        stack: stack(
          (c) =>
            void ((c.healthCheck as Record<string, unknown>).command = [
              "CMD",
              "/usr/bin/wget",
              "-q",
              "http://localhost:8080/health",
            ]),
        ),
        address: ADDRESS,
        expect:
          /container "app" health check runs \/usr\/bin\/wget, but its image contract promises \/usr\/bin\/curl: an image without it is never healthy/,
      },
      {
        what: "a binary found by PATH",
        stack: stack(
          (c) =>
            void ((c.healthCheck as Record<string, unknown>).command = ["CMD", "curl", "http://localhost:8080/health"]),
        ),
        address: ADDRESS,
        expect: /health check runs "curl" by name/,
      },
      {
        what: "no contract at all",
        stack: stack(withoutLabel(IMAGE_CONTRACT_LABELS.healthCheckBinary)),
        address: ADDRESS,
        expect: /health check runs \/usr\/bin\/curl, but its image contract promises no health-check binary/,
      },
    ],
    compliant: [
      { what: "FargateService's exec-form probe", stack: stack() },
      { what: "no health check", stack: stack((c) => void delete c.healthCheck) },
      { what: "NONE", stack: stack((c) => void ((c.healthCheck as Record<string, unknown>).command = ["NONE"])) },
      {
        what: "CMD-SHELL with a contract that promises /bin/sh",
        stack: stack(
          (c) =>
            void (
              ((c.healthCheck as Record<string, unknown>).command = ["CMD-SHELL", "true"]),
              (labels(c)[IMAGE_CONTRACT_LABELS.healthCheckBinary] = "/bin/sh")
            ),
        ),
      },
    ],
  },
  "SUMA-DEP-609": {
    violating: [
      {
        what: "root",
        stack: stack((c) => void ((c.user = "0:0"), delete labels(c)[IMAGE_CONTRACT_LABELS.user])),
        address: ADDRESS,
        expect: /container "app" runs as root \(user "0:0"\)/,
      },
      {
        what: "a user name",
        stack: stack((c) => void ((c.user = "app"), delete labels(c)[IMAGE_CONTRACT_LABELS.user])),
        address: ADDRESS,
        expect: /container "app" user "app" is not a numeric uid\[:gid\]: a name needs an \/etc\/passwd entry/,
      },
      {
        what: "another uid than the contract's",
        stack: stack((c) => void (c.user = "1000:1000")),
        address: ADDRESS,
        expect:
          /container "app" runs as 1000:1000, but its image contract \(image-contract\.user\) declares 10001:10001/,
      },
      {
        what: "no user under a contract",
        stack: stack((c) => void delete c.user),
        address: ADDRESS,
        expect:
          /runs as the image's USER \(user not set\), but its image contract \(image-contract\.user\) declares 10001:10001/,
      },
    ],
    compliant: [
      { what: "FargateService's container", stack: stack() },
      {
        what: "a numeric user without a contract",
        stack: stack((c) => void ((c.user = "1000"), delete labels(c)[IMAGE_CONTRACT_LABELS.user])),
      },
      {
        what: "no user and no contract (SUMA-ECS-003's concern)",
        stack: stack((c) => void (delete c.user, delete labels(c)[IMAGE_CONTRACT_LABELS.user])),
      },
    ],
  },
};

describe("image contract deployability rules", () => {
  it("are SUMA-DEP-607..609, each with a constraint, a documentation source and fixtures, and are registered", () => {
    expect(IMAGE_CONTRACT_DEPLOYABILITY_RULES.map((r) => r.id)).toEqual([
      "SUMA-DEP-607",
      "SUMA-DEP-608",
      "SUMA-DEP-609",
    ]);
    for (const rule of IMAGE_CONTRACT_DEPLOYABILITY_RULES) {
      expect(rule.constraint.length).toBeGreaterThan(40);
      expect(rule.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AmazonECS\//);
      expect(rule.rationale).toMatch(/Fix:/);
      expect(FIXTURES[rule.id]).toBeDefined();
      expect(DEPLOYABILITY_RULES).toContain(rule);
    }
  });

  describeRuleFixtures(IMAGE_CONTRACT_DEPLOYABILITY_RULES, FIXTURES);

  it("find nothing in a FargateService with a contract of its own", () => {
    const synthesized = synthConstruct(
      (scope) =>
        new FargateService(scope, "svc", {
          name: "acme-prod",
          cluster: { arn: "arn:aws:ecs:us-east-1:222222222222:cluster/acme-prod", name: "acme-prod" },
          vpcId: "vpc-1",
          subnetIds: ["subnet-a", "subnet-b"],
          container: {
            image: "repo:sha",
            port: 9000,
            imageContract: {
              ...DEFAULT_IMAGE_CONTRACT,
              user: "20000",
              scratchPaths: ["/tmp", "/var/cache/app"],
              healthCheckBinary: "/app/probe",
            },
          },
          size: { cpu: 512, memoryMiB: 1024 },
          repositoryArn: "arn:aws:ecr:us-east-1:222222222222:repository/acme",
          scaling: { minCount: 2, maxCount: 4 },
          loadBalancer: { listenerArn: "arn:listener", arnSuffix: "app/acme/123", securityGroupId: "sg-alb" },
          deployment: { strategy: "rolling" },
          logs: { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs" },
        }),
    );
    expect(runPolicy({ svc: synthesized as TerraformJson }, IMAGE_CONTRACT_DEPLOYABILITY_RULES, []).findings).toEqual(
      [],
    );
  });
});

describe("the default app", () => {
  it("has no image contract finding, and every task definition of the service's image carries its contract", () => {
    const app = synthAppWithDependencies();
    const ids = new Set(IMAGE_CONTRACT_DEPLOYABILITY_RULES.map((r) => r.id));
    expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
    // The database bootstrap runs the public postgres image with psql, not the service's image.
    const tasks = Object.values(app.stacks)
      .flatMap((s) => Object.values(s.resource?.aws_ecs_task_definition ?? {}))
      .filter((task) => !String(task.family).endsWith("-db-bootstrap"));
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      const [container] = JSON.parse(String(task.container_definitions)) as Array<{
        dockerLabels: Record<string, string>;
      }>;
      expect(container!.dockerLabels[IMAGE_CONTRACT_LABELS.user]).toBe("10001:10001");
    }
  });
});
