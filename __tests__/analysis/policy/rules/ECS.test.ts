/**
 * ECS rules (task definitions, services, clusters) (analysis/policy/rules/ecs/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { ECS_RULES } from "../../../../analysis/policy/rules/ecs";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  ref,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const goodContainer = {
  name: "app",
  image: "${aws_ecr_repository.repo.repository_url}:v1",
  user: "10001:10001",
  privileged: false,
  readonlyRootFilesystem: true,
  environment: [{ name: "APP_ENV", value: "prod" }],
  secrets: [{ name: "DB_PASSWORD", valueFrom: ref("aws_secretsmanager_secret.db", "arn") }],
};

const taskDefinition = (...containers: object[]): Resources => ({
  aws_ecs_task_definition: { task: { family: "app", container_definitions: JSON.stringify(containers) } },
});

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-ECS-001": {
    violating: [
      {
        what: "a writable root",
        stack: stackOf(taskDefinition({ ...goodContainer, readonlyRootFilesystem: false })),
        address: "aws_ecs_task_definition.task",
        expect: /container app: readonlyRootFilesystem is not true/,
      },
      {
        what: "definitions that are not literal JSON",
        stack: stackOf({
          aws_ecs_task_definition: { task: { container_definitions: "${jsonencode(local.containers)}" } },
        }),
        address: "aws_ecs_task_definition.task",
        expect: /not literal JSON/,
      },
    ],
    compliant: [{ what: "a read-only root", stack: stackOf(taskDefinition(goodContainer)) }],
  },
  "SUMA-ECS-002": {
    violating: [
      {
        what: "a privileged sidecar",
        stack: stackOf(taskDefinition(goodContainer, { ...goodContainer, name: "sidecar", privileged: true })),
        address: "aws_ecs_task_definition.task",
        expect: /container sidecar: privileged is true/,
      },
    ],
    compliant: [
      {
        what: "unprivileged containers",
        stack: stackOf(taskDefinition(goodContainer, { ...goodContainer, name: "sidecar", privileged: undefined })),
      },
    ],
  },
  "SUMA-ECS-003": {
    violating: [
      {
        what: "no user",
        stack: stackOf(taskDefinition({ ...goodContainer, user: undefined })),
        address: "aws_ecs_task_definition.task",
        expect: /user is not set/,
      },
      {
        what: "uid 0",
        stack: stackOf(taskDefinition({ ...goodContainer, user: "0:0" })),
        address: "aws_ecs_task_definition.task",
        expect: /user is 0:0/,
      },
      {
        what: "root by name",
        stack: stackOf(taskDefinition({ ...goodContainer, user: "root" })),
        address: "aws_ecs_task_definition.task",
        expect: /user is root/,
      },
    ],
    compliant: [
      { what: "a numeric user", stack: stackOf(taskDefinition(goodContainer)) },
      { what: "a named user", stack: stackOf(taskDefinition({ ...goodContainer, user: "app" })) },
    ],
  },
  "SUMA-ECS-004": {
    violating: [
      {
        what: "a password in the environment, even from a reference",
        stack: stackOf(
          taskDefinition({
            ...goodContainer,
            environment: [{ name: "DB_PASSWORD", value: ref("random_password.db", "result") }],
          }),
        ),
        address: "aws_ecs_task_definition.task",
        expect: /environment variable DB_PASSWORD looks like a credential/,
      },
      {
        what: "an API token and an AWS secret key",
        stack: stackOf(
          taskDefinition({
            ...goodContainer,
            environment: [
              { name: "apiToken", value: "x" },
              { name: "AWS_SECRET_ACCESS_KEY", value: "y" },
            ],
          }),
        ),
        address: "aws_ecs_task_definition.task",
        expect: /AWS_SECRET_ACCESS_KEY/,
      },
    ],
    compliant: [
      {
        what: "plain settings in the environment, credentials in secrets",
        stack: stackOf(taskDefinition(goodContainer)),
      },
      {
        what: "names that point at secrets",
        stack: stackOf(
          taskDefinition({
            ...goodContainer,
            environment: [
              { name: "DB_SECRET_ARN", value: "arn" },
              { name: "TOKEN_URL", value: "https://x" },
            ],
          }),
        ),
      },
    ],
  },
  "SUMA-ECS-005": {
    violating: [
      {
        what: "public IPs",
        stack: stackOf({ aws_ecs_service: { svc: { network_configuration: { assign_public_ip: true } } } }),
        address: "aws_ecs_service.svc",
        expect: /assign_public_ip is true/,
      },
    ],
    compliant: [
      {
        what: "private tasks",
        stack: stackOf({
          aws_ecs_service: { svc: { network_configuration: [{ assign_public_ip: false, subnets: ["s"] }] } },
        }),
      },
    ],
  },
  "SUMA-ECS-006": {
    violating: [
      {
        what: "no setting",
        stack: stackOf({ aws_ecs_cluster: { c: { name: "c" } } }),
        address: "aws_ecs_cluster.c",
        expect: /containerInsights setting is not set/,
      },
      {
        what: "disabled",
        stack: stackOf({ aws_ecs_cluster: { c: { setting: [{ name: "containerInsights", value: "disabled" }] } } }),
        address: "aws_ecs_cluster.c",
        expect: /containerInsights is disabled/,
      },
    ],
    compliant: [
      {
        what: "enhanced",
        stack: stackOf({ aws_ecs_cluster: { c: { setting: [{ name: "containerInsights", value: "enhanced" }] } } }),
      },
      {
        what: "enabled",
        stack: stackOf({ aws_ecs_cluster: { c: { setting: { name: "containerInsights", value: "enabled" } } } }),
      },
    ],
  },
};

describe("rules/ecs", () => {
  describeFixtureCoverage(ECS_RULES, FIXTURES);
  describeRuleFixtures(ECS_RULES, FIXTURES);
});
