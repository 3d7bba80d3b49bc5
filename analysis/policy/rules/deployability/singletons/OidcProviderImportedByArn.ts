import type { DeployabilityAppCheck } from "../../../rule";
import { isUntemplated, oidcProviderKey, placedResources } from "../../../rule-helpers";

export const OidcProviderImportedByArn: DeployabilityAppCheck = {
  id: "SUMA-DEP-408",
  title: "An adopted IAM OIDC provider is imported by its ARN in the provider's account",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_iam_openid_connect_provider"],
  constraint:
    "aws_iam_openid_connect_provider imports by the provider's ARN, arn:<partition>:iam::<account id>:oidc-provider/<URL without https://>; an ARN in another account or for another URL finds nothing or adopts the wrong provider.",
  source: {
    title: "Terraform AWS provider: aws_iam_openid_connect_provider, Import",
    url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/iam_openid_connect_provider.html.markdown",
  },
  rationale:
    "The import id must be the ARN of the provider for this resource's URL in the account the stack's AWS provider is pinned to. " +
    "GithubOidcProvider builds it with githubOidcProviderArn(accountId) from accounts.<name>.id; check that id.",
  checkApp: (app) =>
    placedResources(app, "aws_iam_openid_connect_provider")
      .filter((r) => r.importId !== undefined)
      .flatMap((r) => {
        const match = isUntemplated(r.importId)
          ? /^arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/(.+)$/.exec(r.importId)
          : null;
        const problem = !match
          ? "is not an IAM OIDC provider ARN (arn:<partition>:iam::<account id>:oidc-provider/<host>)"
          : r.accountId && match[1] !== r.accountId
            ? `is in account ${match[1]}, not the stack's account ${r.accountId}`
            : isUntemplated(r.values.url) && match[2]!.toLowerCase() !== oidcProviderKey(r.values.url)
              ? `names ${match[2]}, not this provider's URL ${String(r.values.url)}`
              : undefined;
        return problem
          ? [
              {
                stack: r.stack,
                address: r.address,
                message: `imported as ${JSON.stringify(r.importId)}, which ${problem}`,
              },
            ]
          : [];
      }),
};
