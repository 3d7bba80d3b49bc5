import { capacityPlan } from "../../config";
import { blocks, byPath, only, policyOf, synthApp, type StackJson } from "../support/synth";

const { stacks, config } = synthApp();
const prod = stacks["suma-auth-prod"]!;
const dev = stacks["suma-auth-dev"]!;
const service = (s: StackJson) => only(s, "aws_ecs_service").values;

describe("the service tier in the default app", () => {
  it("prod deploys with ECS-native CANARY: 10%, 5 min canary bake, 10 min bake, full wiring", () => {
    const svc = service(prod);
    expect(svc.deployment_configuration).toEqual({
      strategy: "CANARY",
      bake_time_in_minutes: "10",
      canary_configuration: { canary_percent: 10, canary_bake_time_in_minutes: "5" },
    });
    const lb = (svc.load_balancer as Array<{ advanced_configuration: Record<string, string> }>)[0]!;
    expect(Object.keys(lb.advanced_configuration).sort()).toEqual([
      "alternate_target_group_arn",
      "production_listener_rule",
      "role_arn",
    ]);
    expect(svc.alarms).toMatchObject({ enable: true, rollback: true });
    expect((svc.alarms as { alarm_names: string[] }).alarm_names).toHaveLength(6);
  });

  it("dev deploys ROLLING with the circuit breaker and rollback", () => {
    const svc = service(dev);
    expect(svc.deployment_configuration).toEqual({ strategy: "ROLLING" });
    expect(svc.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
  });

  it("staging rehearses the canary", () => {
    expect((service(stacks["suma-auth-staging"]!).deployment_configuration as { strategy: string }).strategy).toBe(
      "CANARY",
    );
  });

  it("sizes every service from the capacity plan: at least one task per AZ, divisible across AZs in prod", () => {
    const plan = (env: string) => capacityPlan(config, env)!.service;
    expect(service(prod).desired_count).toBe(plan("prod").minTasks.value);
    expect((service(prod).desired_count as number) % 3).toBe(0);
    expect(only(prod, "aws_appautoscaling_target").values).toMatchObject({
      min_capacity: plan("prod").minTasks.value,
      max_capacity: plan("prod").maxTasks.value,
    });
    expect(service(dev).desired_count).toBe(plan("dev").minTasks.value);
    const task = (s: StackJson) => byPath(s, "aws_ecs_task_definition", "service-tier/service/task").values;
    expect([task(prod).cpu, task(prod).memory]).toEqual([
      String(plan("prod").taskSize.value.cpu),
      String(plan("prod").taskSize.value.memoryMiB),
    ]);
    expect([task(dev).cpu, task(dev).memory]).toEqual([
      String(plan("dev").taskSize.value.cpu),
      String(plan("dev").taskSize.value.memoryMiB),
    ]);
  });

  it("health-checks prod's blue and green targets on /health: 200 within 5 s, every 15 s, healthy after 2, unhealthy after 3", () => {
    for (const color of ["blue", "green"]) {
      const group = byPath(prod, "aws_lb_target_group", `service-tier/service/tg-${color}`);
      expect(group.values.name).toBe(`suma-auth-prod-${color}`);
      expect(group.values.health_check).toEqual({
        enabled: true,
        path: "/health",
        protocol: "HTTP",
        matcher: "200",
        interval: 15,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
      });
    }
  });

  it.each(["prod", "dev"])(
    "%s's task role trusts ecs-tasks only for its own account's ECS (aws:SourceAccount and aws:SourceArn)",
    (env) => {
      const s = stacks[`suma-auth-${env}`]!;
      // The stack's one account id, partition and region: the provider admits only the environment's account.
      const [caller, partition, region] = (["aws_caller_identity", "aws_partition", "aws_region"] as const).map(
        (type) => `data.${type}.${only(s, type, "data").name}`,
      );
      expect(s.provider!.aws![0]!.allowed_account_ids).toEqual([env === "prod" ? "222222222222" : "111111111111"]);
      const trust = policyOf(
        byPath(s, "aws_iam_role", "service-tier/service/roles/task"),
        "assume_role_policy",
      ).Statement;
      expect(trust).toEqual([
        {
          Effect: "Allow",
          Principal: { Service: `ecs-tasks.\${${partition}.dns_suffix}` },
          Action: "sts:AssumeRole",
          Condition: {
            ArnLike: {
              "aws:SourceArn": `arn:\${${partition}.partition}:ecs:\${${region}.region}:\${${caller}.account_id}:*`,
            },
            StringEquals: { "aws:SourceAccount": `\${${caller}.account_id}` },
          },
        },
      ]);
    },
  );

  // The ECS Developer Guide documents the execution role's trust as ecs-tasks with no condition: the
  // container agent is not documented to send aws:SourceAccount, and a condition on it could stop
  // every task from starting (see modules/ecs-service/roles.ts).
  it.each(["prod", "dev"])(
    "%s's execution role has the documented trust: ecs-tasks, sts:AssumeRole, no condition",
    (env) => {
      const s = stacks[`suma-auth-${env}`]!;
      const trust = policyOf(
        byPath(s, "aws_iam_role", "service-tier/service/roles/execution"),
        "assume_role_policy",
      ).Statement;
      expect(trust).toEqual([
        { Effect: "Allow", Principal: { Service: expect.stringMatching(/^ecs-tasks\./) }, Action: "sts:AssumeRole" },
      ]);
    },
  );

  it("protects prod's load balancer from deletion, not dev's", () => {
    expect(only(prod, "aws_lb").values.enable_deletion_protection).toBe(true);
    expect(only(dev, "aws_lb").values.enable_deletion_protection).toBe(false);
  });

  it("puts a WAF in front of each load balancer", () => {
    for (const s of [prod, dev]) {
      const association = only(s, "aws_wafv2_web_acl_association");
      expect(association.values.resource_arn).toBe(`\${aws_lb.${only(s, "aws_lb").name}.arn}`);
      expect(String(byPath(s, "aws_cloudwatch_log_group", "service-tier/waf/log-group").values.name)).toMatch(
        /^aws-waf-logs-/,
      );
    }
  });

  it("pulls the image from the shared stack's repository and names the host in the account's zone", () => {
    const [container] = JSON.parse(
      byPath(prod, "aws_ecs_task_definition", "service-tier/service/task").values.container_definitions as string,
    ) as Array<{ image: string }>;
    expect(container!.image).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\.outputs\.[^}]+\}:bootstrap$/);
    expect(only(prod, "aws_acm_certificate").values.domain_name).toBe("prod.auth.suma-finance.example");
    const alias = blocks(prod, "aws_route53_record").find((r) => r.values.name === "prod.auth.suma-finance.example")!;
    expect(alias.values.alias).toMatchObject({
      evaluate_target_health: true,
      name: `\${aws_lb.${only(prod, "aws_lb").name}.dns_name}`,
    });
  });

  it("the shared stack holds an immutable, scanned, KMS-encrypted repository", () => {
    const repo = only(stacks["suma-auth-shared-prod-us-east-1"]!, "aws_ecr_repository").values;
    expect(repo).toMatchObject({
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
    });
    expect(JSON.stringify(repo.encryption_configuration)).toContain('"encryption_type":"KMS"');
  });

  it("DR answers on prod's hostname, as the SECONDARY of a failover pair", () => {
    const dr = stacks["suma-auth-dr"]!;
    expect(only(dr, "aws_acm_certificate").values.domain_name).toBe("prod.auth.suma-finance.example");
    const aliases = blocks(dr, "aws_route53_record").filter((r) => r.values.alias);
    expect(aliases.map((r) => [r.values.name, r.values.failover_routing_policy])).toEqual([
      ["prod.auth.suma-finance.example", { type: "SECONDARY" }],
    ]);
  });
});

describe("exposure to the internet", () => {
  const openToWorld = (s: StackJson) =>
    blocks(s, "aws_vpc_security_group_ingress_rule").filter(
      (r) => r.values.cidr_ipv4 === "0.0.0.0/0" || r.values.cidr_ipv6 === "::/0",
    );

  it.each(Object.keys(stacks))("%s: only the ALB's 443 and 80 admit 0.0.0.0/0", (name) => {
    const s = stacks[name]!;
    const albSg = blocks(s, "aws_lb").map((lb) => (lb.values.security_groups as string[])[0]);
    for (const rule of openToWorld(s)) {
      expect(albSg).toContain(rule.values.security_group_id);
      expect([80, 443]).toContain(rule.values.from_port);
      expect(rule.values.to_port).toBe(rule.values.from_port);
    }
    for (const sg of blocks(s, "aws_security_group"))
      expect(JSON.stringify(sg.values.ingress ?? [])).not.toContain("0.0.0.0/0");
  });

  it("the HTTP listener only redirects to HTTPS", () => {
    const http = blocks(prod, "aws_lb_listener").find((l) => l.values.port === 80)!;
    expect(http.values.default_action).toEqual([
      expect.objectContaining({
        type: "redirect",
        redirect: expect.objectContaining({ port: "443", protocol: "HTTPS", status_code: "HTTP_301" }),
      }),
    ]);
  });

  it("keeps every load balancer and target group name within 32 characters", () => {
    for (const s of Object.values(stacks)) {
      for (const r of [...blocks(s, "aws_lb"), ...blocks(s, "aws_lb_target_group")])
        expect(String(r.values.name).length).toBeLessThanOrEqual(32);
    }
  });
});
