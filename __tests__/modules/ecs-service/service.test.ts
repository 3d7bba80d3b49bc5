import { TerraformVariable } from "cdktf";
import { FargateService, type FargateServiceProps } from "../../../modules/ecs-service";
import { blocks, byPath, only, policyOf, synthConstruct, type StackJson } from "../../support/stack-json";

const SECRET = "arn:aws:secretsmanager:us-east-1:222222222222:secret:suma-auth-prod/db-AbCdEf";
const base: FargateServiceProps = {
  name: "acme-prod",
  cluster: { arn: "arn:aws:ecs:us-east-1:222222222222:cluster/acme-prod", name: "acme-prod" },
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  container: {
    image: "repo:sha",
    port: 8080,
    environment: { LOG_LEVEL: "info" },
    secrets: { DATABASE_SECRET: `${SECRET}:password::` },
  },
  size: { cpu: 1024, memoryMiB: 2048 },
  repositoryArn: "arn:aws:ecr:us-east-1:222222222222:repository/acme",
  scaling: { minCount: 6, maxCount: 24 },
  loadBalancer: { listenerArn: "arn:listener", arnSuffix: "app/acme/123", securityGroupId: "sg-alb" },
  deployment: { strategy: "canary" },
  logs: { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs" },
  secretKmsKeyArns: ["arn:aws:kms:us-east-1:222222222222:key/secrets"],
};
const synth = (props: Partial<FargateServiceProps> = {}): StackJson =>
  synthConstruct((scope) => new FargateService(scope, "svc", { ...base, ...props }));

describe("FargateService with the canary strategy", () => {
  const stack = synth();
  const service = only(stack, "aws_ecs_service");
  const [blue, green] = [
    byPath(stack, "aws_lb_target_group", "svc/tg-blue"),
    byPath(stack, "aws_lb_target_group", "svc/tg-green"),
  ];
  const rule = only(stack, "aws_lb_listener_rule");

  it("uses ECS-native CANARY with the configured percent and bake times", () => {
    expect(service.values.deployment_controller).toEqual({ type: "ECS" });
    expect(service.values.deployment_configuration).toEqual({
      strategy: "CANARY",
      bake_time_in_minutes: "10",
      canary_configuration: { canary_percent: 10, canary_bake_time_in_minutes: "5" },
    });
    expect(service.values.deployment_circuit_breaker).toBeUndefined();
  });

  it("has two ip target groups, and a production rule forwarding to both with weights", () => {
    for (const tg of [blue, green]) {
      expect(tg.values).toMatchObject({ target_type: "ip", protocol: "HTTP", port: 8080, deregistration_delay: "30" });
      expect(tg.values.health_check).toEqual({
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
    const targets = (
      rule.values.action as Array<{ forward: { target_group: Array<{ arn: string; weight: number }> } }>
    )[0]!.forward.target_group;
    expect(targets).toEqual([
      { arn: `\${aws_lb_target_group.${blue.name}.arn}`, weight: 100 },
      { arn: `\${aws_lb_target_group.${green.name}.arn}`, weight: 0 },
    ]);
    expect(rule.values.lifecycle).toEqual({ ignore_changes: ["action"] });
  });

  it("wires advanced_configuration with the alternate group, the production rule and the infrastructure role", () => {
    const role = byPath(stack, "aws_iam_role", "svc/roles/infrastructure");
    const lb = (service.values.load_balancer as Array<Record<string, unknown>>)[0]!;
    expect(lb).toMatchObject({
      target_group_arn: `\${aws_lb_target_group.${blue.name}.arn}`,
      container_name: "app",
      container_port: 8080,
      advanced_configuration: {
        alternate_target_group_arn: `\${aws_lb_target_group.${green.name}.arn}`,
        production_listener_rule: `\${aws_lb_listener_rule.${rule.name}.arn}`,
        role_arn: `\${aws_iam_role.${role.name}.arn}`,
      },
    });
    const attachment = only(stack, "aws_iam_role_policy_attachment");
    expect(attachment.values.policy_arn).toMatch(
      /:iam::aws:policy\/AmazonECSInfrastructureRolePolicyForLoadBalancers$/,
    );
    expect(policyOf(role, "assume_role_policy").Statement[0]!.Principal).toEqual({
      Service: expect.stringMatching(/^ecs\./),
    });
  });

  // Each role's trust policy is the one the ECS Developer Guide documents for it (see roles.ts).
  it("trusts ecs with sts:AssumeRole and no condition for the infrastructure role, as documented", () => {
    const role = byPath(stack, "aws_iam_role", "svc/roles/infrastructure");
    expect(policyOf(role, "assume_role_policy").Statement).toEqual([
      {
        Sid: "AllowAccessToECSForInfrastructureManagement",
        Effect: "Allow",
        Principal: { Service: expect.stringMatching(/^ecs\.\$\{data\.aws_partition\.[\w-]+\.dns_suffix\}$/) },
        Action: "sts:AssumeRole",
      },
    ]);
  });

  it("trusts ecs-tasks without a condition for the execution role, and with this account's ECS source for the task role", () => {
    const execution = policyOf(byPath(stack, "aws_iam_role", "svc/roles/execution"), "assume_role_policy").Statement;
    expect(execution).toEqual([
      { Effect: "Allow", Principal: { Service: expect.stringMatching(/^ecs-tasks\./) }, Action: "sts:AssumeRole" },
    ]);
    const [task, ...others] = policyOf(byPath(stack, "aws_iam_role", "svc/roles/task"), "assume_role_policy").Statement;
    expect(others).toEqual([]);
    expect(task).toEqual({
      Effect: "Allow",
      Principal: { Service: expect.stringMatching(/^ecs-tasks\./) },
      Action: "sts:AssumeRole",
      Condition: {
        ArnLike: {
          "aws:SourceArn": expect.stringMatching(
            /^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:ecs:\$\{data\.aws_region\.[\w-]+\.region\}:\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}:\*$/,
          ),
        },
        StringEquals: {
          "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/),
        },
      },
    });
  });

  it("rolls back on 5xx rate, p99 latency and unhealthy-host alarms for both target groups", () => {
    const alarms = blocks(stack, "aws_cloudwatch_metric_alarm");
    expect(alarms.map((a) => a.values.alarm_name).sort()).toEqual(
      [
        "blue-p99-latency",
        "blue-target-5xx-rate",
        "blue-unhealthy-hosts",
        "green-p99-latency",
        "green-target-5xx-rate",
        "green-unhealthy-hosts",
      ]
        .map((n) => `acme-prod-${n}`)
        .sort(),
    );
    // The service references each alarm resource, so Terraform creates the alarms first.
    expect(service.values.alarms).toEqual({
      alarm_names: alarms.map((a) => `\${aws_cloudwatch_metric_alarm.${a.name}.alarm_name}`),
      enable: true,
      rollback: true,
    });
    const rate = alarms.find((a) => a.values.alarm_name === "acme-prod-green-target-5xx-rate")!;
    expect(JSON.stringify(rate.values.metric_query)).toContain("HTTPCode_Target_5XX_Count");
    expect(rate.values.threshold).toBe(5);
  });

  it("runs at least one task per AZ, spreads with AZ rebalancing, and never gets a public IP", () => {
    expect(service.values).toMatchObject({
      desired_count: 6,
      availability_zone_rebalancing: "ENABLED",
      launch_type: "FARGATE",
    });
    expect(service.values.network_configuration).toMatchObject({
      assign_public_ip: false,
      subnets: ["subnet-a", "subnet-b", "subnet-c"],
    });
    expect(service.values.lifecycle).toEqual({ ignore_changes: ["desired_count", "task_definition"] });
  });

  it("hardens the container: read-only root, non-root user, not privileged, health check, awslogs", () => {
    const task = only(stack, "aws_ecs_task_definition");
    expect(task.values).toMatchObject({
      cpu: "1024",
      memory: "2048",
      network_mode: "awsvpc",
      requires_compatibilities: ["FARGATE"],
    });
    const [container] = JSON.parse(task.values.container_definitions as string) as Array<Record<string, unknown>>;
    expect(container).toMatchObject({
      readonlyRootFilesystem: true,
      privileged: false,
      user: "10001:10001",
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
      healthCheck: {
        command: [
          "CMD",
          "/usr/bin/curl",
          "--fail",
          "--silent",
          "--show-error",
          "--max-time",
          "4",
          "--output",
          "/dev/null",
          "http://localhost:8080/health",
        ],
      },
      secrets: [{ name: "DATABASE_SECRET", valueFrom: `${SECRET}:password::` }],
      environment: [{ name: "LOG_LEVEL", value: "info" }],
    });
    expect((container!.logConfiguration as { logDriver: string }).logDriver).toBe("awslogs");
    expect(only(stack, "aws_cloudwatch_log_group").values).toMatchObject({
      kms_key_id: base.logs.kmsKeyArn,
      retention_in_days: 400,
    });
  });

  it("gives the execution role exactly the task's secrets, its repository and its log group", () => {
    const statements = policyOf(byPath(stack, "aws_iam_role_policy", "svc/roles/execution-policy")).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.ReadTaskSecrets!.Resource).toEqual([SECRET]);
    expect(bySid.PullServiceImage!.Resource).toBe(base.repositoryArn);
    expect(bySid.DecryptTaskSecrets!.Resource).toEqual(base.secretKmsKeyArns);
    const wildcards = statements.filter((s) => s.Resource === "*").map((s) => s.Action);
    expect(wildcards).toEqual(["ecr:GetAuthorizationToken"]);
  });

  it("keeps task and execution roles apart, and gives the task role nothing by default", () => {
    const task = byPath(stack, "aws_iam_role", "svc/roles/task");
    const execution = byPath(stack, "aws_iam_role", "svc/roles/execution");
    expect(task.values.name).toBe("acme-prod-ecs-task");
    expect(execution.values.name).toBe("acme-prod-ecs-execution");
    expect(
      blocks(stack, "aws_iam_role_policy")
        .map((p) => p.name)
        .some((n) => n.includes("task-policy")),
    ).toBe(false);
  });

  it("admits only the load balancer's security group, on the container port", () => {
    const ingress = blocks(stack, "aws_vpc_security_group_ingress_rule");
    expect(ingress).toHaveLength(1);
    expect(ingress[0]!.values).toMatchObject({
      referenced_security_group_id: "sg-alb",
      from_port: 8080,
      to_port: 8080,
      ip_protocol: "tcp",
    });
    expect(ingress[0]!.values.cidr_ipv4).toBeUndefined();
    const albEgress = blocks(stack, "aws_vpc_security_group_egress_rule").find(
      (r) => r.values.security_group_id === "sg-alb",
    )!;
    expect(albEgress.values).toMatchObject({ from_port: 8080, to_port: 8080 });
  });

  it("tracks CPU and requests per task, scaling in more slowly than out", () => {
    const target = only(stack, "aws_appautoscaling_target");
    expect(target.values).toMatchObject({
      min_capacity: 6,
      max_capacity: 24,
      scalable_dimension: "ecs:service:DesiredCount",
    });
    const policies = blocks(stack, "aws_appautoscaling_policy").map(
      (p) => p.values.target_tracking_scaling_policy_configuration as Record<string, unknown>,
    );
    expect(policies).toHaveLength(2);
    for (const p of policies) expect(Number(p.scale_in_cooldown)).toBeGreaterThan(Number(p.scale_out_cooldown));
    expect(JSON.stringify(policies)).toContain("ECSServiceAverageCPUUtilization");
    expect(JSON.stringify(policies)).toContain("RunningTaskCount");
  });
});

describe("FargateService with the rolling strategy", () => {
  const stack = synth({
    deployment: { strategy: "rolling" },
    scaling: { minCount: 2, maxCount: 4 },
    subnetIds: ["subnet-a", "subnet-b"],
  });
  const service = only(stack, "aws_ecs_service");

  it("turns the circuit breaker on with rollback and uses one target group", () => {
    expect(service.values.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.values.deployment_configuration).toEqual({ strategy: "ROLLING" });
    expect(blocks(stack, "aws_lb_target_group")).toHaveLength(1);
    expect(blocks(stack, "aws_iam_role").some((r) => r.name.includes("infrastructure"))).toBe(false);
    expect((service.values.load_balancer as Array<Record<string, unknown>>)[0]!.advanced_configuration).toBeUndefined();
    expect(service.values).toMatchObject({ deployment_minimum_healthy_percent: 100, deployment_maximum_percent: 200 });
  });
});

describe("FargateService start-up timing", () => {
  const timing = (coldStartSeconds?: number) => {
    const stack = synth({ container: { ...base.container, coldStartSeconds } });
    const service = only(stack, "aws_ecs_service");
    const tg = byPath(stack, "aws_lb_target_group", "svc/tg-blue").values.health_check as Record<string, number>;
    const task = only(stack, "aws_ecs_task_definition");
    const container = (
      JSON.parse(String(task.values.container_definitions)) as Array<{ healthCheck: Record<string, number> }>
    )[0]!;
    return { grace: Number(service.values.health_check_grace_period_seconds), tg, check: container.healthCheck };
  };

  it("gives a task longer than the ALB needs to fail it: the cold start, plus the healthy probes, plus a probe of margin", () => {
    const { grace, tg, check } = timing();
    // The ALB fails a new target after unhealthy_threshold x interval (3 x 15 s = 45 s).
    expect(tg).toMatchObject({ interval: 15, healthy_threshold: 2, unhealthy_threshold: 3 });
    expect(grace).toBe(60 + 2 * 15 + 15);
    expect(grace).toBeGreaterThan(tg.unhealthy_threshold! * tg.interval!);
    expect(check.startPeriod).toBe(60);
    expect(grace).toBeGreaterThanOrEqual(check.startPeriod! + tg.healthy_threshold! * tg.interval!);
  });

  it("derives both from container.coldStartSeconds", () => {
    const { grace, check } = timing(180);
    expect(grace).toBe(180 + 45);
    expect(check.startPeriod).toBe(180);
  });

  it.each([0, 301, 12.5])("refuses a cold start of %s s", (coldStartSeconds) => {
    expect(() => timing(coldStartSeconds)).toThrow(/container\.coldStartSeconds/);
  });
});

describe("FargateService rejects bad props", () => {
  it.each<[string, Partial<FargateServiceProps>, string]>([
    [
      "an invalid Fargate size",
      { size: { cpu: 256, memoryMiB: 4096 } },
      "svc: size: memory 4096 MiB is not valid with cpu 256 (allowed: 512, 1024, 2048 MiB)",
    ],
    [
      "fewer tasks than AZs",
      { scaling: { minCount: 2, maxCount: 4 } },
      "svc: scaling.minCount (2) must be at least 1 per AZ x 3 AZs = 3",
    ],
    [
      "max below min",
      { scaling: { minCount: 6, maxCount: 3 } },
      "svc: scaling.maxCount (3) must be at least minCount (6)",
    ],
    [
      "a credential in plain environment",
      { container: { ...base.container, environment: { DB_PASSWORD: "x" } } },
      "container.environment.DB_PASSWORD: looks like a credential",
    ],
    [
      "a secret that is not an ARN",
      { container: { ...base.container, secrets: { TOKEN: "plaintext" } } },
      'container.secrets.TOKEN: "plaintext" is not a Secrets Manager secret or SSM parameter ARN',
    ],
    [
      "a root user",
      { container: { ...base.container, imageContract: { user: "0:0" } } },
      'container.imageContract.user must be a numeric non-root uid or uid:gid such as "10001:10001" (got "0:0")',
    ],
    [
      "a named user",
      { container: { ...base.container, imageContract: { user: "app" } } },
      'container.imageContract.user must be a numeric non-root uid or uid:gid such as "10001:10001" (got "app")',
    ],
    [
      "a relative health-check binary",
      { container: { ...base.container, imageContract: { healthCheckBinary: "curl" } } },
      'container.imageContract.healthCheckBinary must be an absolute path such as "/usr/bin/curl" (got "curl")',
    ],
    [
      "a canary percent out of range",
      { deployment: { strategy: "canary", canaryPercent: 0 } },
      "deployment.canaryPercent must be from 0.1 to 100 (got 0)",
    ],
    [
      "a canary with a circuit breaker",
      { deployment: { strategy: "canary", circuitBreaker: true } as never },
      "a canary deployment cannot use the ECS circuit breaker",
    ],
    [
      "scale-in faster than scale-out",
      { scaling: { minCount: 6, maxCount: 8, scaleInCooldownSeconds: 30 } },
      "scaleInCooldownSeconds (30) must be longer than scaleOutCooldownSeconds (60)",
    ],
    [
      "exec without cluster logging",
      { enableExecuteCommand: true },
      "enableExecuteCommand needs a cluster with executeCommand logging configured",
    ],
    [
      "an invalid log retention",
      { logs: { kmsKeyArn: "k", retentionInDays: 10 } },
      "logs.retentionInDays: 10 is not a CloudWatch Logs retention value",
    ],
  ])("%s", (_label, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

describe("FargateService with a task size from Terraform variables", () => {
  const stack = synthConstruct((scope) => {
    const cpu = new TerraformVariable(scope, "cpu", { type: "number" });
    const memory = new TerraformVariable(scope, "memory", { type: "number" });
    new FargateService(scope, "svc", { ...base, size: { cpu: cpu.numberValue, memoryMiB: memory.numberValue } });
  });

  it("synthesizes, passing the variables through and letting Terraform check the pair at plan time", () => {
    const task = only(stack, "aws_ecs_task_definition").values;
    expect([task.cpu, task.memory]).toEqual(["${var.cpu}", "${var.memory}"]);
    const [precondition] = (task.lifecycle as { precondition: Array<{ condition: string; error_message: string }> })
      .precondition;
    expect(precondition!.condition).toMatch(
      /^\$\{contains\(\["256\/512", "256\/1024", .*"16384\/122880"\], "\$\{var\.cpu\}\/\$\{var\.memory\}"\)\}$/,
    );
    expect(precondition!.error_message).toMatch(/Fargate CPU\/memory pair/);
  });

  it("a literal size gets no precondition: it is checked at synth", () => {
    expect(only(synth(), "aws_ecs_task_definition").values.lifecycle).toBeUndefined();
  });
});
