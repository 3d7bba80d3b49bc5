import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { stackAccount, stackDocument, stackRegion } from "../../../rule-helpers";

/** Where the Route 53 and IAM (and other global services') control planes run in the aws partition. */
export const GLOBAL_CONTROL_PLANE_REGION = "us-east-1";

/** Data sources served by a global service's control plane (IAM, Route 53, Organizations, CloudFront). */
const GLOBAL_CONTROL_PLANE_DATA = /^aws_(iam_(?!policy_document$)|route53_(?!resolver)|organizations_|cloudfront_)/;

export const NoGlobalControlPlaneInRecovery: DeployabilityAppCheck = {
  id: "SUMA-DEP-504",
  title: "A stack in another region than us-east-1 reads no global control plane",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  constraint:
    "IAM, Route 53, Organizations and CloudFront run their control planes in us-east-1; only their data planes (DNS answers, health checks, STS and authorization) are spread over Regions. A data source over one of them calls us-east-1 at every plan.",
  source: {
    title:
      "AWS Fault Isolation Boundaries whitepaper: Global services (partitional services and edge network services)",
    url: "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html",
  },
  rationale:
    "In an account that also deploys to us-east-1, a stack elsewhere is the one that must plan while us-east-1 is impaired; a data source such as aws_route53_zone or aws_iam_role there makes its plan depend on us-east-1. Fix: take ids and ARNs from config or build them (an IAM ARN follows from account id and name), or publish them into this region.",
  checkApp: (app) => {
    const accountsInControlRegion = new Set(
      Object.values(app.stacks)
        .filter((s) => stackRegion(s) === GLOBAL_CONTROL_PLANE_REGION)
        .map((s) => stackAccount(s)),
    );
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const region = stackRegion(stack);
      if (!region || region === GLOBAL_CONTROL_PLANE_REGION || !accountsInControlRegion.has(stackAccount(stack)))
        continue;
      for (const [type, byName] of Object.entries(stackDocument(stack).data ?? {})) {
        if (!GLOBAL_CONTROL_PLANE_DATA.test(type)) continue;
        for (const name of Object.keys(byName)) {
          problems.push({
            stack: stackName,
            address: `data.${type}.${name}`,
            message: `${type} calls a control plane in ${GLOBAL_CONTROL_PLANE_REGION} at every plan; this ${region} stack can't be planned while ${GLOBAL_CONTROL_PLANE_REGION} is impaired`,
          });
        }
      }
    }
    return problems;
  },
};
