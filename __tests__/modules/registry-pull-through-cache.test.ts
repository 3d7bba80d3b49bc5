/** EcrPublicPullThroughCache: the ECR Public cache rule and the creation template of the repositories it creates. */
import { EcrPublicPullThroughCache } from "../../modules/registry";
import { byPath, only, policyOf, synthConstruct } from "../support/stack-json";

describe("EcrPublicPullThroughCache", () => {
  const KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const stack = synthConstruct(
    (scope) => new EcrPublicPullThroughCache(scope, "cache", { name: "acme-shared", kmsKeyArn: KEY }),
  );

  it("caches ECR Public under ecr-public/, and the repositories it creates get the KMS key through a creation template", () => {
    expect(only(stack, "aws_ecr_pull_through_cache_rule").values).toMatchObject({
      ecr_repository_prefix: "ecr-public",
      upstream_registry_url: "public.ecr.aws",
    });
    expect(only(stack, "aws_ecr_pull_through_cache_rule").values.credential_arn).toBeUndefined();
    const template = only(stack, "aws_ecr_repository_creation_template").values;
    expect(template).toMatchObject({
      prefix: "ecr-public",
      applied_for: ["PULL_THROUGH_CACHE"],
      encryption_configuration: [{ encryption_type: "KMS", kms_key: KEY }],
    });
    const role = policyOf(byPath(stack, "aws_iam_role_policy", "cache/permissions")).Statement;
    expect(role[0]!.Resource).toMatch(/:repository\/ecr-public\/\*$/);
    expect(role[1]).toMatchObject({ Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], Resource: KEY });
  });

  it("refuses a bad prefix or key", () => {
    expect(() =>
      synthConstruct(
        (scope) => new EcrPublicPullThroughCache(scope, "cache", { name: "a", kmsKeyArn: KEY, prefix: "Bad/Prefix" }),
      ),
    ).toThrow(/cache: prefix "Bad\/Prefix"/);
    expect(() =>
      synthConstruct((scope) => new EcrPublicPullThroughCache(scope, "cache", { name: "a", kmsKeyArn: "alias/x" })),
    ).toThrow(/kmsKeyArn "alias\/x" must be the ARN/);
  });
});
