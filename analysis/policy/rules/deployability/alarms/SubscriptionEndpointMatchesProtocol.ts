import type { DeployabilityRule } from "../../../rule";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const SubscriptionEndpointMatchesProtocol: DeployabilityRule = {
  id: "SUMA-DEP-741",
  title: "An email or HTTPS subscription's endpoint has the form its protocol needs",
  severity: "error",
  controls: { pci: ["10.4.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_sns_topic_subscription"],
  constraint:
    "Subscribe takes, for the https protocol, a URL that begins with https:// and, for email and email-json, an email address; SNS refuses any other endpoint with InvalidParameter. " +
    "endpoint_auto_confirms and confirmation_timeout_in_minutes only apply to http and https endpoints.",
  source: {
    title: "Amazon SNS API Reference: Subscribe, Request Parameters (Endpoint)",
    url: "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
  },
  rationale:
    "A malformed endpoint fails the apply, and an email subscription marked as auto-confirming would let Terraform wait for a confirmation only a person can give. " +
    "Fix: give https subscriptions an https:// URL (the on-call tool's SNS integration) and email subscriptions an address; set autoConfirms only on HTTPS endpoints that confirm themselves.",
  check: ({ values }) => {
    const { protocol, endpoint } = values;
    if (typeof endpoint !== "string" || endpoint.includes("${")) return [];
    const problems: string[] = [];
    if (protocol === "https" && !endpoint.startsWith("https://"))
      problems.push(`https subscription endpoint "${endpoint}" does not begin with https://; SNS refuses it`);
    if ((protocol === "email" || protocol === "email-json") && !EMAIL.test(endpoint))
      problems.push(`${protocol} subscription endpoint "${endpoint}" is not an email address; SNS refuses it`);
    if ((protocol === "email" || protocol === "email-json") && values.endpoint_auto_confirms === true) {
      problems.push(
        `endpoint_auto_confirms is true on an ${protocol} subscription; only a person confirms it, from the message SNS sends`,
      );
    }
    return problems;
  },
};
