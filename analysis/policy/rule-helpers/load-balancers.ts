/** Elastic Load Balancing v2: which `aws_lb` resources are internet-facing Application Load Balancers. */
import type { ResourceValues } from "../terraform-json";

/** `aws_lb` and its older alias `aws_alb`. */
export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;

/** True for an Application Load Balancer (the default `load_balancer_type`). */
export function isApplicationLoadBalancer(values: ResourceValues): boolean {
  return (
    values.load_balancer_type === undefined ||
    values.load_balancer_type === null ||
    values.load_balancer_type === "application"
  );
}

/** True unless `internal` is literally true: an unresolved value counts as internet-facing. */
export function isInternetFacing(values: ResourceValues): boolean {
  return !(values.internal === true || values.internal === "true");
}
