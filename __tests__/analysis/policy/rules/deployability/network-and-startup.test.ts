/**
 * The network and start-up deployability rules (SUMA-DEP-720 to 739): each runs over violating
 * fixtures (a finding on the named resource whose message says what is wrong) and compliant ones
 * (none). Fixtures are synthesized-JSON shaped stacks built in code. The default app has no finding.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig } from "../../../../../config";
import { startupTiming } from "../../../../../modules/ecs-service/startup";
import { deployabilityFindings } from "../../../../../analysis/policy";
import { DEPLOYABILITY_RULES } from "../../../../../analysis/policy/packs";
import { NETWORK_AND_STARTUP_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/network-and-startup";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { buildApp } from "../../../../../stacks/app";
import { readSynthesizedApp } from "../../../../../stacks/synth-checks";
import { describeRuleFixtures, type RuleFixture, type ViolatingFixture } from "../../../../support/rule-fixtures";

type Fixture = RuleFixture;
type Violating = ViolatingFixture;

interface ContainerOptions {
  readonly systemControls?: ReadonlyArray<{ namespace: string; value: string }>;
  readonly healthCheck?: Record<string, unknown> | null;
}

/** A load-balanced service with its task definition and target group, shaped like FargateService's output. */
function stack(
  options: {
    container?: ContainerOptions;
    grace?: number | string | null;
    targetHealth?: Record<string, unknown> | null;
  } = {},
): TerraformJson {
  const healthCheck =
    options.container?.healthCheck === null
      ? undefined
      : {
          command: ["CMD-SHELL", "true"],
          interval: 30,
          timeout: 5,
          retries: 3,
          startPeriod: 60,
          ...options.container?.healthCheck,
        };
  const container = {
    name: "app",
    image: "repo:sha",
    essential: true,
    healthCheck,
    ...(options.container?.systemControls ? { systemControls: options.container.systemControls } : {}),
  };
  const service: Record<string, unknown> = {
    name: "acme-prod",
    task_definition: "${aws_ecs_task_definition.task.arn}",
    load_balancer: [
      { target_group_arn: "${aws_lb_target_group.blue.arn}", container_name: "app", container_port: 8080 },
    ],
  };
  if (options.grace !== null) service.health_check_grace_period_seconds = options.grace ?? 105;
  const targetGroup: Record<string, unknown> = { port: 8080, protocol: "HTTP", target_type: "ip" };
  if (options.targetHealth !== null)
    targetGroup.health_check = {
      enabled: true,
      path: "/health",
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
      ...options.targetHealth,
    };
  return {
    resource: {
      aws_ecs_task_definition: {
        task: { family: "acme-prod", container_definitions: JSON.stringify([container]) } as ResourceValues,
      },
      aws_lb_target_group: { blue: targetGroup as ResourceValues },
      aws_ecs_service: { service: service as ResourceValues },
    },
  } as TerraformJson;
}

const portRange = (value: string): ContainerOptions => ({
  systemControls: [{ namespace: "net.ipv4.ip_local_port_range", value }],
});

const FIXTURES: Record<string, { violating: Violating[]; compliant: Fixture[] }> = {
  "SUMA-DEP-720": {
    violating: [
      {
        what: "a port range over 3389",
        stack: stack({ container: portRange("1024 65535") }),
        address: "aws_ecs_task_definition.task",
        expect: /"1024 65535", which includes 3389, the private NACL's gap/,
      },
      {
        what: "a port range from below 1024",
        stack: stack({ container: portRange("900 3000") }),
        address: "aws_ecs_task_definition.task",
        expect: /"900 3000", which starts below 1024: the private NACL drops replies/,
      },
      {
        what: "a port range that is not two numbers",
        stack: stack({ container: portRange("wide") }),
        address: "aws_ecs_task_definition.task",
        expect: /"wide", which is not two port numbers/,
      },
    ],
    compliant: [
      { what: "no system controls (the kernel default 32768-60999)", stack: stack() },
      { what: "a range above the gap", stack: stack({ container: portRange("10000\t65000") }) },
      { what: "a range below the gap", stack: stack({ container: portRange("1024 3388") }) },
      {
        what: "another sysctl",
        stack: stack({ container: { systemControls: [{ namespace: "net.ipv4.tcp_keepalive_time", value: "60" }] } }),
      },
    ],
  },
  "SUMA-DEP-721": {
    violating: [
      {
        what: "the old 60 s grace period against a 60 s start period",
        stack: stack({ grace: 60 }),
        address: "aws_ecs_service.service",
        expect:
          /health_check_grace_period_seconds is 60, but a task of container "app" can be healthy in the target group only after 90 s \(its health check startPeriod 60 s \+ healthy_threshold 2 x interval 15 s\)/,
      },
      {
        what: "no grace period at all",
        stack: stack({ grace: null }),
        address: "aws_ecs_service.service",
        expect: /health_check_grace_period_seconds is 0, .* raise the grace period to at least 90/,
      },
      {
        what: "the provider's target group defaults (3 x 30 s)",
        stack: stack({ targetHealth: null }),
        address: "aws_ecs_service.service",
        expect: /after 150 s \(its health check startPeriod 60 s \+ healthy_threshold 3 x interval 30 s\)/,
      },
      {
        what: "a container without a health check",
        stack: stack({ grace: 0, container: { healthCheck: null } }),
        address: "aws_ecs_service.service",
        expect: /after 30 s \(its health check startPeriod 0 s/,
      },
    ],
    compliant: [
      { what: "the derived grace period (60 + 2 x 15 + 15)", stack: stack() },
      { what: "exactly the time to healthy", stack: stack({ grace: 90 }) },
      { what: "a grace period from a variable", stack: stack({ grace: "${var.grace}" }) },
      {
        what: "a service without a load balancer",
        stack: { resource: { aws_ecs_service: { worker: { name: "worker", task_definition: "x" } } } } as TerraformJson,
      },
    ],
  },
  "SUMA-DEP-722": {
    violating: [
      {
        what: "a start period over 300 s",
        stack: stack({ container: { healthCheck: { startPeriod: 400 } } }),
        address: "aws_ecs_task_definition.task",
        expect: /container "app" health check startPeriod is 400; ECS accepts a whole number from 0 to 300/,
      },
      {
        what: "an interval under 5 s",
        stack: stack({ container: { healthCheck: { interval: 2 } } }),
        address: "aws_ecs_task_definition.task",
        expect: /health check interval is 2; ECS accepts a whole number from 5 to 300/,
      },
      {
        what: "11 retries",
        stack: stack({ container: { healthCheck: { retries: 11 } } }),
        address: "aws_ecs_task_definition.task",
        expect: /health check retries is 11; ECS accepts a whole number from 1 to 10/,
      },
    ],
    compliant: [
      { what: "FargateService's health check", stack: stack() },
      { what: "the largest start period", stack: stack({ container: { healthCheck: { startPeriod: 300 } } }) },
      { what: "no health check", stack: stack({ container: { healthCheck: null } }) },
    ],
  },
};

describe("network and start-up deployability rules", () => {
  it("cover ids in SUMA-DEP-720..739, each with a constraint, a documentation source and fixtures, and are registered", () => {
    for (const rule of NETWORK_AND_STARTUP_DEPLOYABILITY_RULES) {
      const n = Number(rule.id.replace("SUMA-DEP-", ""));
      expect(n).toBeGreaterThanOrEqual(720);
      expect(n).toBeLessThanOrEqual(739);
      expect(rule.constraint.length).toBeGreaterThan(40);
      expect(rule.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(rule.rationale).toMatch(/Fix:/);
      expect(rule.controls.soc2).toEqual(expect.arrayContaining(["CC8.1", "A1.2"]));
      expect(FIXTURES[rule.id]).toBeDefined();
      expect(DEPLOYABILITY_RULES).toContain(rule);
    }
    expect(new Set(NETWORK_AND_STARTUP_DEPLOYABILITY_RULES.map((r) => r.id)).size).toBe(
      NETWORK_AND_STARTUP_DEPLOYABILITY_RULES.length,
    );
  });

  describeRuleFixtures(NETWORK_AND_STARTUP_DEPLOYABILITY_RULES, FIXTURES);
});

describe("the default app", () => {
  it("has no network or start-up deployability finding, and every load-balanced service was checked", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-dep-net-"));
    try {
      const config = loadConfig(defaultAppConfig);
      buildApp(config, { outdir }).app.synth();
      const app = readSynthesizedApp(outdir);
      const ids = new Set(NETWORK_AND_STARTUP_DEPLOYABILITY_RULES.map((r) => r.id));
      expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
      // The rules had something to check: services behind a target group, with the derived grace period.
      const services = Object.values(app.stacks).flatMap((s) => Object.values(s.resource?.aws_ecs_service ?? {}));
      expect(services.length).toBeGreaterThan(0);
      const derived = new Set(
        Object.values(config.environments).map((env) => startupTiming(env.service.coldStartSeconds).gracePeriodSeconds),
      );
      for (const service of services) expect(derived).toContain(service.health_check_grace_period_seconds);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
