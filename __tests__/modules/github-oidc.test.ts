import { GithubDeployRole, GithubOidcProvider, githubSubjects } from "../../modules/github-oidc";
import { importIdOf, importsOf, only, policyOf, synthConstruct } from "../support/stack-json";

const props = {
  name: "acme-prod",
  oidcProviderArn: "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com",
  repository: { owner: "acme", name: "auth-service", ids: { ownerId: 123456, repositoryId: 456789 } },
  environment: "prod",
  ecrRepositoryArn: "arn:aws:ecr:us-east-1:222222222222:repository/acme",
  ecs: { clusterName: "acme-prod", serviceName: "acme-prod" },
  passRoleArns: [
    "arn:aws:iam::222222222222:role/acme-prod-ecs-task",
    "arn:aws:iam::222222222222:role/acme-prod-ecs-execution",
  ],
  preDeploymentBackup: {
    vaultArn: "arn:aws:backup:us-east-1:222222222222:backup-vault:acme-prod-vault",
    backupRoleArn: "arn:aws:iam::222222222222:role/acme-prod-plan-backup",
    resourceArn: "arn:aws:rds:us-east-1:222222222222:cluster:acme-prod",
  },
};

describe("GithubOidcProvider", () => {
  it("trusts GitHub's token issuer for the STS audience", () => {
    const stack = synthConstruct((s) => new GithubOidcProvider(s, "oidc"));
    expect(only(stack, "aws_iam_openid_connect_provider").values).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
    });
  });
});

describe("GithubDeployRole", () => {
  const stack = synthConstruct((s) => new GithubDeployRole(s, "deploy", props));
  const role = only(stack, "aws_iam_role");

  it("trusts only the repository's environment, with the STS audience, in both subject forms", () => {
    const trust = policyOf(role, "assume_role_policy").Statement[0]!;
    expect(trust).toMatchObject({
      Effect: "Allow",
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: props.oidcProviderArn },
    });
    expect(trust.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": [
          "repo:acme/auth-service:environment:prod",
          "repo:acme@123456/auth-service@456789:environment:prod",
        ],
      },
    });
    expect(JSON.stringify(trust)).not.toContain("StringLike");
  });

  it("pins the name-only subject when the immutable ids are unknown", () => {
    expect(githubSubjects({ owner: "acme", name: "svc" }, "dev")).toEqual(["repo:acme/svc:environment:dev"]);
  });

  it("has no * action, and * resources only where AWS requires them", () => {
    const statements = policyOf(only(stack, "aws_iam_role_policy")).Statement;
    for (const s of statements)
      expect([s.Action].flat().filter((a) => a === "*" || /:\*$/.test(String(a)))).toEqual([]);
    const wildcards = statements
      .filter((s) => s.Resource === "*")
      .flatMap((s) => [s.Action].flat())
      .sort();
    expect(wildcards).toEqual([
      "application-autoscaling:DescribeScalableTargets",
      "backup:DescribeBackupJob",
      "backup:ListBackupJobs",
      "ecr:GetAuthorizationToken",
      "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition",
    ]);
  });

  it("pushes to one repository, deploys one service and passes only its roles to ECS", () => {
    const bySid = Object.fromEntries(policyOf(only(stack, "aws_iam_role_policy")).Statement.map((s) => [s.Sid, s]));
    expect(bySid.PushServiceImage!.Resource).toBe(props.ecrRepositoryArn);
    expect(String(bySid.DeployTheService!.Resource)).toMatch(/:ecs:.+:service\/acme-prod\/acme-prod$/);
    expect(bySid.PassOnlyTheServiceRoles).toMatchObject({
      Resource: props.passRoleArns,
      Condition: { StringEquals: { "iam:PassedToService": expect.stringMatching(/^ecs-tasks\./) } },
    });
  });

  it("may take the pre-deployment backup", () => {
    const actions = policyOf(only(stack, "aws_iam_role_policy")).Statement.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(["backup:StartBackupJob", "iam:PassRole"]));
  });

  it("may read the service's auto scaling minimum (to start a service at 0), and change no scaling", () => {
    const statements = policyOf(only(stack, "aws_iam_role_policy")).Statement;
    const scaling = statements
      .flatMap((s) => [s.Action].flat())
      .filter((a) => String(a).startsWith("application-autoscaling:"));
    expect(scaling).toEqual(["application-autoscaling:DescribeScalableTargets"]);
    expect(statements.find((s) => s.Sid === "ReadScalingMinimum")).toMatchObject({ Effect: "Allow", Resource: "*" });
  });

  describe("with a database bootstrap task", () => {
    const bootstrap = {
      taskFamily: "acme-prod-db-bootstrap",
      passRoleArns: ["arn:aws:iam::222222222222:role/acme-prod-db-bootstrap-execution"],
      networkParameterName: "/acme-prod/database-bootstrap/network-configuration",
    };
    const statements = policyOf(
      only(
        synthConstruct((s) => new GithubDeployRole(s, "deploy", { ...props, databaseBootstrap: bootstrap })),
        "aws_iam_role_policy",
      ),
    ).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));

    it("may run that family on the service's cluster only, watch that cluster's tasks and read the task's network configuration", () => {
      expect(bySid.RunDatabaseBootstrap).toMatchObject({
        Action: "ecs:RunTask",
        Resource: expect.stringMatching(/:task-definition\/acme-prod-db-bootstrap:\*$/),
      });
      expect(
        (bySid.RunDatabaseBootstrap!.Condition as { ArnEquals: Record<string, string> }).ArnEquals["ecs:cluster"],
      ).toMatch(/:cluster\/acme-prod$/);
      expect(bySid.WatchDatabaseBootstrap).toMatchObject({
        Action: "ecs:DescribeTasks",
        Resource: expect.stringMatching(/:task\/acme-prod\/\*$/),
      });
      expect(bySid.ReadBootstrapNetwork).toMatchObject({
        Action: "ssm:GetParameter",
        Resource: expect.stringMatching(/:parameter\/acme-prod\/database-bootstrap\/network-configuration$/),
      });
    });

    it("may pass the bootstrap's role besides the service's, to ECS tasks only", () => {
      expect(bySid.PassOnlyTheServiceRoles!.Resource).toEqual([...props.passRoleArns, ...bootstrap.passRoleArns]);
    });

    it("has none of it without a bootstrap", () => {
      const plain = policyOf(only(stack, "aws_iam_role_policy")).Statement.flatMap((s) => [s.Action].flat());
      expect(plain).not.toContain("ecs:RunTask");
      expect(plain).not.toContain("ssm:GetParameter");
    });
  });

  describe("for a replica (DR) environment", () => {
    const dr = synthConstruct(
      (s) =>
        new GithubDeployRole(s, "deploy", {
          ...props,
          environment: "dr",
          image: "replicated",
          preDeploymentBackup: undefined,
        }),
    );
    const statements = policyOf(only(dr, "aws_iam_role_policy")).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat()).map(String);

    it("reads the replicated image and the repository, and can neither log in to the registry nor push", () => {
      expect(statements.find((s) => s.Sid === "ReadReplicatedImage")).toMatchObject({
        Action: ["ecr:DescribeImages", "ecr:DescribeRepositories"],
        Resource: props.ecrRepositoryArn,
      });
      expect(actions).not.toContain("ecr:GetAuthorizationToken");
      expect(actions).not.toContain("ecr:PutImage");
      expect(actions).not.toContain("ecr:InitiateLayerUpload");
    });

    it("deploys its service like the others, with no backup permission", () => {
      expect(actions).toEqual(
        expect.arrayContaining([
          "ecs:UpdateService",
          "ecs:RegisterTaskDefinition",
          "iam:PassRole",
          "application-autoscaling:DescribeScalableTargets",
        ]),
      );
      expect(actions.some((a) => a.startsWith("backup:"))).toBe(false);
    });
  });

  it.each([
    [{ repository: { owner: "acme", name: "a b" } }, 'repository "acme/a b" is not an owner/name pair'],
    [{ passRoleArns: [] }, "passRoleArns must name the service's task and execution roles"],
    [{ maxSessionSeconds: 100 }, "maxSessionSeconds must be 900-43200 (got 100)"],
    [{ image: "pull" as "push" }, 'image must be "push" or "replicated" (got "pull")'],
    [
      { databaseBootstrap: { taskFamily: "a b", passRoleArns: ["r"], networkParameterName: "/p" } },
      'databaseBootstrap.taskFamily "a b" is not a task definition family',
    ],
    [
      { databaseBootstrap: { taskFamily: "f", passRoleArns: ["r"], networkParameterName: "p" } },
      'databaseBootstrap.networkParameterName "p" must start with "/"',
    ],
    [
      { databaseBootstrap: { taskFamily: "f", passRoleArns: [], networkParameterName: "/p" } },
      "databaseBootstrap.passRoleArns must name the bootstrap task's execution role",
    ],
  ])("rejects %p", (override, message) => {
    expect(() => synthConstruct((s) => new GithubDeployRole(s, "d", { ...props, ...override }))).toThrow(message);
  });
});

describe("GithubOidcProvider adoption", () => {
  it("creates the provider without an import by default", () => {
    expect(importsOf(synthConstruct((s) => new GithubOidcProvider(s, "oidc")))).toEqual([]);
  });

  it("adopts the account's existing provider through an import block by its ARN", () => {
    const stack = synthConstruct((s) => new GithubOidcProvider(s, "oidc", { adopt: { accountId: "222222222222" } }));
    const provider = only(stack, "aws_iam_openid_connect_provider");
    expect(importIdOf(stack, provider)).toBe(
      "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com",
    );
    expect(provider.values.url).toBe("https://token.actions.githubusercontent.com");
  });

  it("refuses an account id that is not one", () => {
    expect(() => synthConstruct((s) => new GithubOidcProvider(s, "oidc", { adopt: { accountId: "prod" } }))).toThrow(
      /oidc: adopt.accountId: "prod" is not a 12-digit AWS account id/,
    );
  });
});
