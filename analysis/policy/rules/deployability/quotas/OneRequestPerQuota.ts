import type { DeployabilityRule } from "../../../rule";
import { resourcesOfType, type ResourceValues } from "../../../terraform-json";

/** Which account and region a request goes to: its provider alias and region argument. */
const target = (values: ResourceValues) => JSON.stringify([values.provider ?? "aws", values.region ?? ""]);

export const OneRequestPerQuota: DeployabilityRule = {
  id: "SUMA-DEP-771",
  title: "One service quota request per quota, account and region",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_servicequotas_service_quota"],
  constraint:
    "Service Quotas allows one open increase request per quota: a second request for a quota with a request still open is refused " +
    "(ResourceAlreadyExistsException). Two resources for the same quota in the same account and region submit two requests.",
  source: {
    title: "Service Quotas API Reference: RequestServiceQuotaIncrease, Errors (ResourceAlreadyExistsException)",
    url: "https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_RequestServiceQuotaIncrease.html#API_RequestServiceQuotaIncrease_Errors",
  },
  rationale:
    "The first apply would submit one request and fail on the other, and the two resources would then fight over the quota's value. " +
    "Fix: keep one aws_servicequotas_service_quota per service code and quota code for each provider and region, with the largest value needed " +
    "(the capacity plan sums every environment of the account and region into one figure).",
  check: ({ name, values, stack }) => {
    const same = resourcesOfType(stack, "aws_servicequotas_service_quota")
      .filter(
        ([, other]) =>
          other.service_code === values.service_code &&
          other.quota_code === values.quota_code &&
          target(other) === target(values),
      )
      .map(([other]) => other)
      .sort();
    return same.length > 1 && same[0] !== name
      ? [
          `${String(values.service_code)}/${String(values.quota_code)} is already requested by aws_servicequotas_service_quota.${same[0]} with the same provider and region; AWS allows one open request per quota`,
        ]
      : [];
  },
};
