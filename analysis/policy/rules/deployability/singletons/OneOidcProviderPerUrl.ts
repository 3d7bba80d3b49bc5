import type { DeployabilityAppCheck } from "../../../rule";
import {
  duplicateSingletons,
  listedByAddress,
  oidcProviderKey,
  placedResources,
  singletonLocation,
  singletonScopeKey,
} from "../../../rule-helpers";

export const OneOidcProviderPerUrl: DeployabilityAppCheck = {
  id: "SUMA-DEP-407",
  title: "At most one IAM OIDC provider per URL per account",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_iam_openid_connect_provider"],
  constraint:
    "IAM refuses to register the same OIDC provider URL twice in an account (EntityAlreadyExists); IAM is global, so this holds across regions.",
  source: {
    title: "IAM API Reference: CreateOpenIDConnectProvider, Url",
    url: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html",
  },
  rationale:
    "Two stacks of one account, even in different regions, that each create the GitHub provider fail the second apply. " +
    "Create it in the account's primary region only; where it already exists set accounts.<name>.singletons.githubOidcProvider to adopt (import) or reference it.",
  checkApp: (app) =>
    duplicateSingletons(
      placedResources(app, "aws_iam_openid_connect_provider"),
      (r) => `${singletonScopeKey(r, false)}|${oidcProviderKey(r.values.url)}`,
      (r, others) =>
        `a second IAM OIDC provider for ${oidcProviderKey(r.values.url)} in ${singletonLocation(r, false)}: IAM allows one per URL per account (also ${listedByAddress(others)})`,
    ),
};
