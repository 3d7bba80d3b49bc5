/**
 * Day one's first image: each account's primary shared stack has a publish role limited to the
 * service's repositories and the bootstrap environment, and the GitHub stack ships the workflow
 * and environment that use it, with targets derived from config.
 */
import { imagePublishTargets } from "../../config";
import { IMAGE_BOOTSTRAP_ENVIRONMENT } from "../../modules/github/workflows";
import { blocks, policyOf, synthApp } from "../support/synth";

const { config, stacks } = synthApp();

describe("image publish roles", () => {
  it.each(imagePublishTargets(config).map((t) => [t.account, t]))(
    "%s: trusts only the bootstrap environment and may only push to the service's repositories",
    (_account, target) => {
      const shared = stacks[`suma-auth-shared-${target.account}-${config.accounts[target.account]!.primaryRegion}`]!;
      const role = blocks(shared, "aws_iam_role").find((b) => b.values.name === target.roleName)!;
      expect(role).toBeDefined();
      const trust = policyOf(role, "assume_role_policy").Statement;
      expect(trust).toEqual([
        expect.objectContaining({
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": [
                `repo:suma-finance/auth-service:environment:${IMAGE_BOOTSTRAP_ENVIRONMENT}`,
              ],
            },
          },
        }),
      ]);
      // Referenced by attribute, so Terraform creates the OIDC provider first.
      expect(JSON.stringify(trust[0]!.Principal)).toMatch(/\$\{aws_iam_openid_connect_provider\.[^}]+\.arn\}/);
      const policy = blocks(shared, "aws_iam_role_policy").find((b) => String(b.values.role).includes(role.name))!;
      const statements = policyOf(policy).Statement;
      expect(statements.map((s) => s.Resource)).toEqual([
        "*",
        [`arn:aws:ecr:${target.region}:${target.accountId}:repository/suma-auth`],
      ]);
      expect(JSON.stringify(statements)).not.toMatch(/ecs:|iam:|rds|secretsmanager/);
    },
  );
});

describe("the GitHub stack", () => {
  const github = stacks["suma-auth-github"]!;

  it("creates the bootstrap environment, admitting the default branch only", () => {
    const env = blocks(github, "github_repository_environment").find(
      (b) => b.values.environment === IMAGE_BOOTSTRAP_ENVIRONMENT,
    )!;
    expect(env.values.deployment_branch_policy).toEqual({ protected_branches: false, custom_branch_policies: true });
    const policies = blocks(github, "github_repository_environment_deployment_policy").filter((b) =>
      String(b.values.environment).includes(env.name),
    );
    expect(policies.map((p) => [p.values.branch_pattern, p.values.tag_pattern])).toEqual([["main", undefined]]);
  });

  it("ships the workflow with one job per account and region that needs an image", () => {
    const file = blocks(github, "github_repository_file").find(
      (b) => b.values.file === ".github/workflows/image-bootstrap.yml",
    )!;
    const content = String(file.values.content);
    for (const t of imagePublishTargets(config)) expect(content).toContain(`bootstrap-${t.account}-${t.region}:`);
  });
});
