import type { DeployabilityRule } from "../../../rule";
import { blocksOf, type ContainerDefinition, containersOf, stringsOf } from "../../../rule-helpers";
import { nestedBlock, resourcesOfType } from "../../../terraform-json";

/** Interface endpoint services a private Fargate task needs without NAT, by what it uses. */
function endpointsNeeded(containers: readonly ContainerDefinition[]): string[] {
  const needed = ["ecr.api", "ecr.dkr"];
  if (containers.some((c) => nestedBlock(c.logConfiguration)?.logDriver === "awslogs")) needed.push("logs");
  if (
    containers.some((c) =>
      blocksOf(c.secrets).some(
        (s) =>
          String(s.valueFrom ?? "").includes("secretsmanager") ||
          String(s.valueFrom ?? "").includes("aws_secretsmanager") ||
          String(s.valueFrom ?? "").includes("master_user_secret"),
      ),
    )
  ) {
    needed.push("secretsmanager");
  }
  return needed;
}

/** SUMA-DEP-214 */
export const PrivateTaskReachesAws: DeployabilityRule = {
  id: "SUMA-DEP-214",
  title:
    "Fargate tasks in a stack's VPC reach ECR, S3, CloudWatch Logs and Secrets Manager: a NAT route or the VPC endpoints",
  severity: "error",
  controls: { pci: ["6.5.1", "8.2.2"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "A Fargate task in a private subnet pulls its image from ECR (ecr.api, ecr.dkr) and the image layers from S3, sends awslogs output to CloudWatch " +
    "Logs and reads Secrets Manager secrets: without a NAT route, each needs a VPC endpoint (S3 as a gateway endpoint), or the task never starts.",
  source: {
    title: "Amazon ECR User Guide: Amazon ECR interface VPC endpoints (AWS PrivateLink), Considerations",
    url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
  },
  rationale:
    "The bootstrap runs as a one-off task before every deploy; a VPC without a path to these APIs stops it with CannotPullContainerError or " +
    "ResourceInitializationError. Fix: keep the Network module's NAT gateways, or its interface endpoints (DEFAULT_INTERFACE_ENDPOINTS) and the S3 gateway endpoint.",
  check: ({ values, stack }) => {
    if (
      !stringsOf(values.requires_compatibilities).includes("FARGATE") ||
      resourcesOfType(stack, "aws_vpc").length === 0
    )
      return [];
    const natRoute = resourcesOfType(stack, "aws_route_table").some(([, rt]) =>
      blocksOf(rt.route).some(
        (r) => r.cidr_block === "0.0.0.0/0" && typeof r.nat_gateway_id === "string" && r.nat_gateway_id !== "",
      ),
    );
    const natRouteResource = resourcesOfType(stack, "aws_route").some(
      ([, r]) => r.destination_cidr_block === "0.0.0.0/0" && typeof r.nat_gateway_id === "string",
    );
    if (natRoute || natRouteResource) return [];
    const endpoints = resourcesOfType(stack, "aws_vpc_endpoint").map(([, e]) => ({
      service: String(e.service_name ?? ""),
      type: String(e.vpc_endpoint_type ?? "Gateway"),
    }));
    const has = (service: string, type: string) =>
      endpoints.some((e) => e.service.endsWith(`.${service}`) && e.type === type);
    const missing = endpointsNeeded(containersOf(values)).filter((service) => !has(service, "Interface"));
    if (!has("s3", "Gateway")) missing.push("s3 (gateway)");
    return missing.length === 0
      ? []
      : [
          `the stack's VPC has no NAT route and no VPC endpoint for ${missing.join(", ")}: this Fargate task can't start in its private subnets`,
        ];
  },
};
