import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { asString, resourceRegion, stackDocument, stackRegion } from "../../../rule-helpers";
import { dataSourcesOfType } from "../../../terraform-json";

export const NoCrossRegionReads: DeployabilityAppCheck = {
  id: "SUMA-DEP-503",
  title: "A stack's plan reads nothing from another region",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  constraint:
    "terraform_remote_state reads the other configuration's state object from its backend at every plan, and a data source reads its API at every plan. State or an API in another region is unreachable while that region is down, so the plan of a stack meant to recover from that outage (the DR stack) fails.",
  source: {
    title:
      "AWS Fault Isolation Boundaries whitepaper: Global services (recovery path without another Region's control plane)",
    url: "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html",
  },
  rationale:
    "A DR stack that reads the primary region's state (a cdktf cross-stack reference into a stack of another region) or calls an API there can't be planned during the outage it exists for. Fix: take the value from config, or publish it into this stack's region (e.g. an SSM parameter written by the producing stack with region set to this one, read by a data source here), and order the stacks with a dependency instead of a reference.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const region = stackRegion(stack);
      if (!region) continue;
      for (const [name, values] of dataSourcesOfType(stack, "terraform_remote_state")) {
        const config = values.config as Readonly<Record<string, unknown>> | undefined;
        const stateRegion = asString(config?.region);
        if (values.backend === "s3" && stateRegion && stateRegion !== region) {
          problems.push({
            stack: stackName,
            address: `data.terraform_remote_state.${name}`,
            message: `reads state "${asString(config?.key) ?? "?"}" from bucket "${asString(config?.bucket) ?? "?"}" in ${stateRegion}, but this stack is in ${region}: its plan fails while ${stateRegion} is down`,
          });
        }
      }
      for (const [type, byName] of Object.entries(stackDocument(stack).data ?? {})) {
        if (type === "terraform_remote_state") continue;
        for (const [name, values] of Object.entries(byName)) {
          const at = resourceRegion(stack, values);
          if (at && at !== region) {
            problems.push({
              stack: stackName,
              address: `data.${type}.${name}`,
              message: `reads from ${at}, but this stack is in ${region}: its plan fails while ${at} is down`,
            });
          }
        }
      }
    }
    return problems;
  },
};
