import { ServiceCluster } from "../../modules/ecs";
import { blocks, only, synthConstruct } from "../support/synth";

describe("ServiceCluster", () => {
  it("turns on enhanced Container Insights and leaves ECS Exec off by default", () => {
    const stack = synthConstruct((s) => new ServiceCluster(s, "c", { name: "acme-prod" }));
    const cluster = only(stack, "aws_ecs_cluster");
    expect(cluster.values.setting).toEqual([{ name: "containerInsights", value: "enhanced" }]);
    expect(cluster.values.configuration).toBeUndefined();
    expect(blocks(stack, "aws_cloudwatch_log_group")).toHaveLength(0);
  });

  it("logs ECS Exec sessions encrypted with KMS when exec is turned on", () => {
    const stack = synthConstruct((s) => new ServiceCluster(s, "c", { name: "acme-dev", executeCommand: { kmsKeyArn: "arn:key" } }));
    const group = only(stack, "aws_cloudwatch_log_group");
    expect(group.values).toMatchObject({ name: "/aws/ecs/acme-dev/exec", kms_key_id: "arn:key" });
    expect(only(stack, "aws_ecs_cluster").values.configuration).toEqual({
      execute_command_configuration: {
        kms_key_id: "arn:key",
        logging: "OVERRIDE",
        log_configuration: { cloud_watch_encryption_enabled: true, cloud_watch_log_group_name: `\${aws_cloudwatch_log_group.${group.name}.name}` },
      },
    });
  });

  it("rejects an unknown Container Insights level", () => {
    expect(() => synthConstruct((s) => new ServiceCluster(s, "c", { name: "x", containerInsights: "full" as never }))).toThrow('c: containerInsights must be "enhanced", "enabled" or "disabled" (got "full")');
  });
});
