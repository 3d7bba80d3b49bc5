import type { DeployabilityAppCheck } from "../../../rule";
import { applyOrderProblem, isLiteral, literalOwners } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

const OIDC_ARN = /^arn:[a-z-]+:iam::(\d{12}):oidc-provider\/(.+)$/;

function federatedPrincipals(policy: unknown): string[] {
  if (typeof policy !== "string") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements = (parsed as { Statement?: unknown }).Statement;
  return (Array.isArray(statements) ? statements : [statements]).flatMap((s: unknown) => {
    const federated = (s as { Principal?: { Federated?: unknown } } | undefined)?.Principal?.Federated;
    return (Array.isArray(federated) ? federated : [federated]).filter((f): f is string => typeof f === "string");
  });
}

/** SUMA-DEP-603: a role trusting an OIDC provider by ARN is applied after the stack that creates the provider. */
export const OidcProviderCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-603",
  title: "A role that trusts an IAM OIDC provider by ARN is applied after the stack that creates the provider",
  severity: "error",
  controls: { pci: ["8.2.2"], soc2: ["CC6.1", "CC8.1"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "IAM refuses a trust policy whose Federated principal names an OIDC provider that does not exist in the account (MalformedPolicyDocument); the provider must be created before the role.",
  source: {
    title: "IAM User Guide: Create a role for OpenID Connect federation (prerequisite: the OIDC identity provider)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
  },
  rationale:
    "Deploy roles name the account's GitHub OIDC provider by its ARN, which follows from the account id, so that no stack reads another region's state for it. " +
    "Fix: make the role's stack depend on the stack that creates the provider (the account's primary shared stack).",
  checkApp: (app) => {
    const providers = literalOwners(app, "aws_iam_openid_connect_provider", (v, p) =>
      isLiteral(v.url) && p.accountId ? `${p.accountId}:${v.url.replace(/^https:\/\//, "")}` : undefined,
    );
    return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_iam_role").flatMap(([name, values]) =>
        federatedPrincipals(values.assume_role_policy).flatMap((principal) => {
          const match = OIDC_ARN.exec(principal);
          if (!match) return [];
          return applyOrderProblem(
            app,
            { stack: stackName, address: `aws_iam_role.${name}` },
            providers.get(`${match[1]}:${match[2]}`),
            `OIDC provider ${principal}`,
          );
        }),
      ),
    );
  },
};
