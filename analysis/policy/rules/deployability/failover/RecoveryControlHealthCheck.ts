import type { DeployabilityRule } from "../../../rule";
import { asString, isToken } from "../../../rule-helpers";
import { isSet } from "../../../terraform-json";

/** Arguments that name another kind of health check's target. */
const OTHER_TARGETS = [
  "fqdn",
  "ip_address",
  "port",
  "resource_path",
  "search_string",
  "cloudwatch_alarm_name",
  "child_healthchecks",
] as const;

export const RecoveryControlHealthCheck: DeployabilityRule = {
  id: "SUMA-DEP-510",
  title: "A RECOVERY_CONTROL health check names its routing control and no other target",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_route53_health_check"],
  constraint:
    "A routing control health check (type RECOVERY_CONTROL) takes its state from one ARC routing control, given by its ARN when the health check is created: On is healthy, Off unhealthy. It has no endpoint, alarm or child checks, and it can't be edited to follow another routing control.",
  source: {
    title: "Amazon Application Recovery Controller Developer Guide: Creating a routing control health check in ARC",
    url: "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.create-health-check.html",
  },
  rationale:
    "Without routing_control_arn Route 53 refuses the health check; with an endpoint or alarm argument it is refused as a mix of two check types; and routing_control_arn on another type does nothing, so the record it gates never follows the routing control. Fix: type = RECOVERY_CONTROL with routing_control_arn only (RoutingControlFailoverGate).",
  check: ({ values }) => {
    const type = asString(values.type);
    const arn = values.routing_control_arn;
    if (type !== "RECOVERY_CONTROL") {
      return isSet(arn) && type !== undefined && !isToken(type)
        ? [
            `routing_control_arn on a ${type} health check is ignored: only a RECOVERY_CONTROL health check follows a routing control`,
          ]
        : [];
    }
    const problems: string[] = [];
    if (!isSet(arn))
      problems.push(
        "type RECOVERY_CONTROL without routing_control_arn: Route 53 refuses it; name the ARC routing control it follows",
      );
    else if (
      !isToken(arn as string) &&
      !/^arn:aws[a-z-]*:route53-recovery-control::\d{12}:controlpanel\/[0-9a-zA-Z_-]+\/routingcontrol\/[0-9a-zA-Z_-]+$/.test(
        arn as string,
      )
    ) {
      problems.push(
        `routing_control_arn "${String(arn)}" is not an ARC routing control ARN (arn:aws:route53-recovery-control::<account>:controlpanel/<id>/routingcontrol/<id>)`,
      );
    }
    const others = OTHER_TARGETS.filter(
      (key) =>
        values[key] !== undefined &&
        values[key] !== null &&
        !(Array.isArray(values[key]) && (values[key] as unknown[]).length === 0),
    );
    if (others.length > 0)
      problems.push(
        `a RECOVERY_CONTROL health check takes no ${others.join(", ")}: its only target is the routing control`,
      );
    return problems;
  },
};
