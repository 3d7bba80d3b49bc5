/**
 * The DR copy under other settings than the default app's: pilot light, the ARC failover gate, and
 * an existing zone given by id. Each variant is a whole-app synth, so these run in the slow tier.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { blocks, only, synthApp, withConfig, type StackJson } from "../support/synth";

const secondaryOf = (stack: StackJson) =>
  blocks(stack, "aws_route53_record").find((r) => r.values.failover_routing_policy)!;

describe("the DR stack as a pilot light", () => {
  it("runs no task as a pilot light", () => {
    const pilot = synthApp(withConfig((c) => void (c.environments.dr!.dr = { strategy: "pilot-light" }))).stacks[
      "suma-auth-dr"
    ]!;
    expect(only(pilot, "aws_ecs_service").values.desired_count).toBe(0);
    expect(only(pilot, "aws_appautoscaling_target").values.min_capacity).toBe(0);
  });
});

describe("the DR stack with the ARC gate", () => {
  const arc = synthApp(
    withConfig((c) => void (c.environments.dr!.dr = { failoverGate: { mode: "arc-routing-control" } })),
  ).stacks;
  const arcDr = arc["suma-auth-dr"]!;

  it("DR's SECONDARY record follows a routing control on DR's own cluster and control panel, made in us-west-2", () => {
    const control = only(arcDr, "aws_route53recoverycontrolconfig_routing_control");
    const check = only(arcDr, "aws_route53_health_check");
    expect(check.values).toMatchObject({
      type: "RECOVERY_CONTROL",
      routing_control_arn: `\${aws_route53recoverycontrolconfig_routing_control.${control.name}.arn}`,
    });
    expect(secondaryOf(arcDr).values.health_check_id).toBe(`\${aws_route53_health_check.${check.name}.id}`);
    expect(only(arcDr, "aws_route53recoverycontrolconfig_cluster").values.name).toBe("suma-auth-dr");
    expect(only(arcDr, "aws_route53recoverycontrolconfig_control_panel").values.name).toBe("suma-auth-dr");
    expect(control.values.name).toBe("suma-auth-dr-secondary");
    // DR is in us-west-2 already: the stack's own provider serves ARC's control plane.
    expect(control.values.provider).toBe("aws");
    expect(arcDr.provider!.aws!.map((p) => p.region)).toEqual(["us-west-2"]);
    expect(
      blocks(arcDr, "aws_cloudwatch_metric_alarm").filter((a) => a.values.alarm_name === "suma-auth-dr-failover-gate"),
    ).toEqual([]);
  });

  it("prod's PRIMARY keeps its HTTPS health check", () => {
    expect(only(arc["suma-auth-prod"]!, "aws_route53_health_check").values).toMatchObject({
      type: "HTTPS",
      resource_path: "/health",
    });
  });

  it("with an existing cluster, makes no cluster and puts the control panel on that one", () => {
    const arn = "arn:aws:route53-recovery-control::222222222222:cluster/0123abcd";
    const shared = synthApp(
      withConfig(
        (c) => void (c.environments.dr!.dr = { failoverGate: { mode: "arc-routing-control", clusterArn: arn } }),
      ),
    ).stacks["suma-auth-dr"]!;
    expect(blocks(shared, "aws_route53recoverycontrolconfig_cluster")).toEqual([]);
    expect(only(shared, "aws_route53recoverycontrolconfig_control_panel").values.cluster_arn).toBe(arn);
  });
});

describe("the DR stack with an existing zone", () => {
  it("with an existing zone given by id, uses that id and no parameter", () => {
    const existing = synthApp(
      withConfig(
        (c) => void (c.accounts.prod!.dns = { zoneName: "auth.suma-finance.example", zoneId: "Z0EXISTING0ZONE" }),
      ),
    ).stacks;
    const secondary = blocks(existing["suma-auth-dr"]!, "aws_route53_record").find(
      (r) => r.values.failover_routing_policy,
    )!;
    expect(secondary.values.zone_id).toBe("Z0EXISTING0ZONE");
    expect(blocks(existing["suma-auth-dr"]!, "aws_ssm_parameter", "data")).toEqual([]);
  });
});

describe("docs/disaster-recovery.md and the ARC gate", () => {
  const doc = readFileSync(join(__dirname, "../../docs/disaster-recovery.md"), "utf8");

  it("names the ARC gate's resources as the ARC mode creates them, and promotes before it opens the gate", () => {
    const arc = JSON.stringify(
      synthApp(withConfig((c) => void (c.environments.dr!.dr = { failoverGate: { mode: "arc-routing-control" } })))
        .stacks["suma-auth-dr"],
    );
    for (const name of ["suma-auth-dr", "suma-auth-dr-secondary"]) {
      expect(doc).toContain(`'${name}'`);
      expect(arc).toContain(`"${name}"`);
    }
    const failover = doc.slice(doc.indexOf("## Unplanned failover"), doc.indexOf("## Failback"));
    expect(failover.indexOf("aws rds failover-global-cluster")).toBeGreaterThan(-1);
    expect(failover.indexOf("aws rds failover-global-cluster")).toBeLessThan(failover.indexOf("put-metric-data"));
    const switchover = doc.slice(doc.indexOf("## Planned switchover"), doc.indexOf("## Unplanned failover"));
    expect(switchover.indexOf("aws rds switchover-global-cluster")).toBeLessThan(switchover.indexOf("put-metric-data"));
    expect(doc).not.toContain("DNS has most likely failed over already");
  });
});
