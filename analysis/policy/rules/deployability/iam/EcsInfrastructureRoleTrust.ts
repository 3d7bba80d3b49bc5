import type { DeployabilityRule } from "../../../rule";
import { blocksOf, documentedTrustProblems, hasManagedPolicy, refersToRole } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** SUMA-DEP-302: the ECS infrastructure role for load balancers trusts ecs with sts:AssumeRole, unconditioned. */
export const EcsInfrastructureRoleTrust: DeployabilityRule = {
  id: "SUMA-DEP-302",
  title: "The ECS infrastructure role for load balancers has the documented trust policy",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "Amazon ECS assumes the infrastructure role (a service's advanced_configuration role_arn, carrying AmazonECSInfrastructureRolePolicyForLoadBalancers) to move load balancer traffic in blue/green, canary and linear deployments. The documented trust policy is ecs.amazonaws.com with sts:AssumeRole and no condition; another principal, or a condition on keys ECS doesn't send, and ECS can't assume the role, so deployments fail to shift traffic.",
  source: {
    title:
      "Amazon ECS Developer Guide: Amazon ECS infrastructure IAM role for load balancers, Creating the Amazon ECS infrastructure role for load balancers",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html",
  },
  rationale:
    "A release that can't shift traffic never reaches users and can't roll back cleanly. Fix: trust ecs.<dnsSuffix> (not ecs-tasks) with sts:AssumeRole and no aws:SourceArn/aws:SourceAccount condition.",
  check: (subject) => {
    const usedByService = resourcesOfType(subject.stack, "aws_ecs_service").some(([, service]) =>
      blocksOf(service.load_balancer).some((lb) =>
        blocksOf(lb.advanced_configuration).some((adv) => refersToRole(adv.role_arn, subject.name, ["arn"])),
      ),
    );
    if (!usedByService && !hasManagedPolicy(subject, "AmazonECSInfrastructureRolePolicyForLoadBalancers")) return [];
    return documentedTrustProblems(subject, "ecs", "ECS infrastructure role for load balancers");
  },
};
