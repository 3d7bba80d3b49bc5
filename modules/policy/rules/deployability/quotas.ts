/** Deployability rules: service quota increase requests (`aws_servicequotas_service_quota`). */
import { asNumber, resourcesOfType, type ResourceValues } from "../../terraform-json";
import type { DeployabilityRule } from "./rule";

const controls = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

const REQUEST_DOC = "https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_RequestServiceQuotaIncrease.html";

const SERVICE_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/;
const QUOTA_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;
const MAX_DESIRED_VALUE = 10_000_000_000;
/** A Terraform expression: its value is known only at apply. */
const isExpression = (v: unknown) => typeof v === "string" && v.includes("${");

export const quotaRequestWellFormed: DeployabilityRule = {
  id: "SUMA-DEP-770",
  title: "A service quota request names a valid service code and quota code and asks for a value Service Quotas accepts",
  severity: "error",
  controls,
  resourceTypes: ["aws_servicequotas_service_quota"],
  constraint:
    "RequestServiceQuotaIncrease takes a service code of 2-64 characters and a quota code of 2-129 characters, each a letter followed by " +
    "letters, digits or hyphens, and a desired value from 0 to 10,000,000,000; anything else is refused as invalid input.",
  source: { title: "Service Quotas API Reference: RequestServiceQuotaIncrease, Request Parameters", url: REQUEST_DOC },
  rationale:
    "A malformed code or an out-of-range value fails the apply of the account's shared stack, blocking every stack after it. " +
    "Fix: take the codes from `aws service-quotas list-service-quotas --service-code <code>` (e.g. fargate / L-3032A538) and a " +
    "whole value from the capacity plan (`npm run capacity`).",
  check: ({ values }) => {
    const problems: string[] = [];
    const { service_code: service, quota_code: quota, value } = values;
    if (!isExpression(service) && !(typeof service === "string" && SERVICE_CODE.test(service))) {
      problems.push(`service_code ${JSON.stringify(service)} is not a Service Quotas service code (a letter, then 1-63 letters, digits or hyphens)`);
    }
    if (!isExpression(quota) && !(typeof quota === "string" && QUOTA_CODE.test(quota))) {
      problems.push(`quota_code ${JSON.stringify(quota)} is not a Service Quotas quota code (a letter, then 1-128 letters, digits or hyphens)`);
    }
    const n = asNumber(value);
    if (!isExpression(value) && (n === undefined || n < 0 || n > MAX_DESIRED_VALUE)) {
      problems.push(`value ${JSON.stringify(value)} is outside the 0 to ${MAX_DESIRED_VALUE} Service Quotas accepts as a desired value`);
    }
    return problems;
  },
};

/** Which account and region a request goes to: its provider alias and region argument. */
const target = (values: ResourceValues) => JSON.stringify([values.provider ?? "aws", values.region ?? ""]);

export const oneRequestPerQuota: DeployabilityRule = {
  id: "SUMA-DEP-771",
  title: "One service quota request per quota, account and region",
  severity: "error",
  controls,
  resourceTypes: ["aws_servicequotas_service_quota"],
  constraint:
    "Service Quotas allows one open increase request per quota: a second request for a quota with a request still open is refused " +
    "(ResourceAlreadyExistsException). Two resources for the same quota in the same account and region submit two requests.",
  source: { title: "Service Quotas API Reference: RequestServiceQuotaIncrease, Errors (ResourceAlreadyExistsException)", url: `${REQUEST_DOC}#API_RequestServiceQuotaIncrease_Errors` },
  rationale:
    "The first apply would submit one request and fail on the other, and the two resources would then fight over the quota's value. " +
    "Fix: keep one aws_servicequotas_service_quota per service code and quota code for each provider and region, with the largest value needed " +
    "(the capacity plan sums every environment of the account and region into one figure).",
  check: ({ name, values, stack }) => {
    const same = resourcesOfType(stack, "aws_servicequotas_service_quota")
      .filter(([, other]) => other.service_code === values.service_code && other.quota_code === values.quota_code && target(other) === target(values))
      .map(([other]) => other)
      .sort();
    return same.length > 1 && same[0] !== name
      ? [`${String(values.service_code)}/${String(values.quota_code)} is already requested by aws_servicequotas_service_quota.${same[0]} with the same provider and region; AWS allows one open request per quota`]
      : [];
  },
};

export const QUOTA_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [quotaRequestWellFormed, oneRequestPerQuota];
