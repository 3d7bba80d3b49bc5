import { ServiceCluster } from "../../modules/ecs";
import { blocks, only, synthConstruct } from "../support/stack-json";

describe("ServiceCluster", () => {
  const LOGS = { kmsKeyArn: "arn:logs-key" };

  it("turns on enhanced Container Insights and leaves ECS Exec off by default", () => {
    const stack = synthConstruct((s) => new ServiceCluster(s, "c", { name: "acme-prod", logs: LOGS }));
    const cluster = only(stack, "aws_ecs_cluster");
    expect(cluster.values.setting).toEqual([{ name: "containerInsights", value: "enhanced" }]);
    expect(cluster.values.configuration).toBeUndefined();
    expect(blocks(stack, "aws_cloudwatch_log_group").map((g) => g.values.name)).toEqual([
      "/aws/ecs/containerinsights/acme-prod/performance",
    ]);
  });

  it("declares the Container Insights log group with the logs key and 400-day retention, before the cluster", () => {
    const stack = synthConstruct((s) => new ServiceCluster(s, "c", { name: "acme-prod", logs: LOGS }));
    const group = only(stack, "aws_cloudwatch_log_group");
    expect(group.values).toMatchObject({
      name: "/aws/ecs/containerinsights/acme-prod/performance",
      kms_key_id: "arn:logs-key",
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    expect(only(stack, "aws_ecs_cluster").values.depends_on).toEqual([`aws_cloudwatch_log_group.${group.name}`]);
    const longer = synthConstruct(
      (s) => new ServiceCluster(s, "c", { name: "acme-prod", logs: { ...LOGS, retentionInDays: 731 } }),
    );
    expect(only(longer, "aws_cloudwatch_log_group").values.retention_in_days).toBe(731);
  });

  it("declares no Container Insights log group when Container Insights is disabled, and needs no key then", () => {
    const stack = synthConstruct(
      (s) => new ServiceCluster(s, "c", { name: "acme-prod", containerInsights: "disabled" }),
    );
    expect(blocks(stack, "aws_cloudwatch_log_group")).toHaveLength(0);
    expect(only(stack, "aws_ecs_cluster").values.depends_on).toBeUndefined();
  });

  it("refuses Container Insights without a logs key, and a retention CloudWatch doesn't accept", () => {
    expect(() => synthConstruct((s) => new ServiceCluster(s, "c", { name: "x" }))).toThrow(
      'c: logs (kmsKeyArn) is required with Container Insights "enhanced"',
    );
    expect(() =>
      synthConstruct((s) => new ServiceCluster(s, "c", { name: "x", logs: { ...LOGS, retentionInDays: 100 } })),
    ).toThrow("c: logs.retentionInDays: 100 is not a CloudWatch Logs retention value");
  });

  it("logs ECS Exec sessions encrypted with KMS when exec is turned on", () => {
    const stack = synthConstruct(
      (s) =>
        new ServiceCluster(s, "c", {
          name: "acme-dev",
          containerInsights: "disabled",
          executeCommand: { kmsKeyArn: "arn:key" },
        }),
    );
    const group = only(stack, "aws_cloudwatch_log_group");
    expect(group.values).toMatchObject({ name: "/aws/ecs/acme-dev/exec", kms_key_id: "arn:key" });
    expect(only(stack, "aws_ecs_cluster").values.configuration).toEqual({
      execute_command_configuration: {
        kms_key_id: "arn:key",
        logging: "OVERRIDE",
        log_configuration: {
          cloud_watch_encryption_enabled: true,
          cloud_watch_log_group_name: `\${aws_cloudwatch_log_group.${group.name}.name}`,
        },
      },
    });
  });

  it("rejects an unknown Container Insights level", () => {
    expect(() =>
      synthConstruct((s) => new ServiceCluster(s, "c", { name: "x", containerInsights: "full" as never })),
    ).toThrow('c: containerInsights must be "enhanced", "enabled" or "disabled" (got "full")');
  });
});
