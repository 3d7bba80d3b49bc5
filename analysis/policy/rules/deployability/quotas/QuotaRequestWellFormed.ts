import type { DeployabilityRule } from "../../../rule";
import { asNumber } from "../../../terraform-json";

const SERVICE_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/;

const QUOTA_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;

const MAX_DESIRED_VALUE = 10_000_000_000;

/** A Terraform expression: its value is known only at apply. */
const isExpression = (v: unknown) => typeof v === "string" && v.includes("${");

export const QuotaRequestWellFormed: DeployabilityRule = {
  id: "SUMA-DEP-770",
  title:
    "A service quota request names a valid service code and quota code and asks for a value Service Quotas accepts",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_servicequotas_service_quota"],
  constraint:
    "RequestServiceQuotaIncrease takes a service code of 2-64 characters and a quota code of 2-129 characters, each a letter followed by " +
    "letters, digits or hyphens, and a desired value from 0 to 10,000,000,000; anything else is refused as invalid input.",
  source: {
    title: "Service Quotas API Reference: RequestServiceQuotaIncrease, Request Parameters",
    url: "https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_RequestServiceQuotaIncrease.html",
  },
  rationale:
    "A malformed code or an out-of-range value fails the apply of the account's shared stack, blocking every stack after it. " +
    "Fix: take the codes from `aws service-quotas list-service-quotas --service-code <code>` (e.g. fargate / L-3032A538) and a " +
    "whole value from the capacity plan (`npm run capacity`).",
  check: ({ values }) => {
    const problems: string[] = [];
    const { service_code: service, quota_code: quota, value } = values;
    if (!isExpression(service) && !(typeof service === "string" && SERVICE_CODE.test(service))) {
      problems.push(
        `service_code ${JSON.stringify(service)} is not a Service Quotas service code (a letter, then 1-63 letters, digits or hyphens)`,
      );
    }
    if (!isExpression(quota) && !(typeof quota === "string" && QUOTA_CODE.test(quota))) {
      problems.push(
        `quota_code ${JSON.stringify(quota)} is not a Service Quotas quota code (a letter, then 1-128 letters, digits or hyphens)`,
      );
    }
    const n = asNumber(value);
    if (!isExpression(value) && (n === undefined || n < 0 || n > MAX_DESIRED_VALUE)) {
      problems.push(
        `value ${JSON.stringify(value)} is outside the 0 to ${MAX_DESIRED_VALUE} Service Quotas accepts as a desired value`,
      );
    }
    return problems;
  },
};
