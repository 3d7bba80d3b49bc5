import { parse } from "yaml";
import { loadConfig } from "../../config";
import { configErrors } from "../support/config-errors";
import { blocks, only, policyOf, synthApp, withConfig, type StackJson } from "../support/synth";

const { stacks } = synthApp();
const github = stacks["suma-auth-github"]!;
const file = (path: string) => blocks(github, "github_repository_file").find((f) => f.values.file === path)!;
const env = (name: string) =>
  blocks(github, "github_repository_environment").find((e) => e.values.environment === name)!;
const variables = (name: string): Record<string, string> =>
  Object.fromEntries(
    blocks(github, "github_actions_environment_variable")
      .filter((v) => String(v.values.environment).includes(env(name).name))
      .map((v) => [v.values.variable_name, v.values.value]),
  );

describe("the GitHub stack", () => {
  it("keeps its state in the prod account's bucket", () => {
    expect(github.terraform?.backend?.s3).toMatchObject({
      bucket: "suma-auth-tfstate-222222222222-us-east-1",
      key: "suma-auth-github/terraform.tfstate",
      use_lockfile: true,
    });
  });

  it("configures the repository: private, squash only, branches deleted on merge, alerts and secret scanning", () => {
    expect(only(github, "github_repository").values).toMatchObject({
      name: "auth-service",
      visibility: "private",
      allow_squash_merge: true,
      allow_merge_commit: false,
      allow_rebase_merge: false,
      delete_branch_on_merge: true,
      vulnerability_alerts: true,
      archive_on_destroy: true,
    });
    expect(JSON.stringify(only(github, "github_repository").values.security_and_analysis)).toMatch(
      /secret_scanning_push_protection.*enabled/,
    );
  });

  it("every required status check in the ruleset is a job of the CI workflow, pinned to the Actions app", () => {
    const rules = only(github, "github_repository_ruleset").values.rules as {
      required_status_checks: {
        required_check: Array<{ context: string; integration_id: number }>;
        strict_required_status_checks_policy: boolean;
      };
    };
    const checks = rules.required_status_checks.required_check;
    expect(checks.map((c) => c.context)).toEqual(["lint", "test", "build", "docker-build", "image-scan"]);
    for (const c of checks) expect(c.integration_id).toBe(15368);
    expect(rules.required_status_checks.strict_required_status_checks_policy).toBe(true);
    const ci = parse(String(file(".github/workflows/ci.yml").values.content)) as {
      jobs: Record<string, { name: string }>;
    };
    for (const c of checks) expect(ci.jobs[c.context]?.name).toBe(c.context);
  });

  it("the ruleset's one bypass actor is the App the provider authenticates as, and it requires 2 approvals with code owner review", () => {
    const ruleset = only(github, "github_repository_ruleset").values;
    const appId = (github.provider!.github![0]!.app_auth as { id: string }).id;
    expect(appId).toBe("1043712");
    expect(ruleset.bypass_actors).toEqual([
      { actor_type: "Integration", actor_id: Number(appId), bypass_mode: "always" },
    ]);
    expect(ruleset.enforcement).toBe("active");
    expect((ruleset.rules as { pull_request: Record<string, unknown> }).pull_request).toMatchObject({
      required_approving_review_count: 2,
      require_code_owner_review: true,
      dismiss_stale_reviews_on_push: true,
      require_last_push_approval: true,
      required_review_thread_resolution: true,
    });
  });

  it("escapes GitHub's ${{ }} expressions so Terraform writes them literally", () => {
    const deploy = String(file(".github/workflows/deploy.yml").values.content);
    expect(deploy).toContain("$${{ vars.AWS_ROLE_ARN }}");
    expect(deploy.replace(/\$\$\{/g, "")).not.toContain("${");
  });

  it("commits CODEOWNERS generated from config", () => {
    const content = String(file(".github/CODEOWNERS").values.content);
    expect(content).toContain("/backend/auth-service/src/crypto/ @suma-finance/auth-backend @suma-finance/security");
    expect(content).toMatch(/^# /);
  });

  it("gates prod: platform and security reviewers, no self-review, no admin bypass, a wait timer, release tags only", () => {
    const prod = env("prod").values;
    expect(prod).toMatchObject({ wait_timer: 10, can_admins_bypass: false, prevent_self_review: true });
    const teams = (prod.reviewers as Array<{ teams: string }>)[0]!.teams;
    expect(teams.match(/data\.github_team\./g)).toHaveLength(2);
    expect(prod.deployment_branch_policy).toEqual({ protected_branches: false, custom_branch_policies: true });
    const policies = blocks(github, "github_repository_environment_deployment_policy").filter((p) =>
      String(p.values.environment).includes(env("prod").name),
    );
    expect(policies.map((p) => p.values.tag_pattern)).toEqual(["v*"]);
  });

  it("admits to each environment exactly the refs its deploy job runs for: main and v* tags before prod, v* tags only for prod and DR", () => {
    const patterns = (name: string) => {
      const mine = blocks(github, "github_repository_environment_deployment_policy").filter((p) =>
        String(p.values.environment).includes(`.${env(name).name}.`),
      );
      return {
        branches: mine.flatMap((p) => (p.values.branch_pattern ? [p.values.branch_pattern] : [])),
        tags: mine.flatMap((p) => (p.values.tag_pattern ? [p.values.tag_pattern] : [])),
      };
    };
    for (const name of ["dev", "staging", "prod", "dr"]) {
      // A tag is not a branch: protected_branches would refuse every release-tag deployment.
      expect(env(name).values.deployment_branch_policy).toEqual({
        protected_branches: false,
        custom_branch_policies: true,
      });
    }
    expect(patterns("dev")).toEqual({ branches: ["main"], tags: ["v*"] });
    expect(patterns("staging")).toEqual({ branches: ["main"], tags: ["v*"] });
    expect(patterns("prod")).toEqual({ branches: [], tags: ["v*"] });
    expect(patterns("dr")).toEqual({ branches: [], tags: ["v*"] });
    const workflow = parse(String(file(".github/workflows/deploy.yml").values.content).replace(/\$\$\{/g, "${")) as {
      jobs: Record<string, { if: string; needs?: string }>;
    };
    expect(workflow.jobs["deploy-dev"]!.if).toBe(
      "github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/v')",
    );
    expect(workflow.jobs["deploy-prod"]!.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(workflow.jobs["deploy-dr"]).toMatchObject({
      if: "startsWith(github.ref, 'refs/tags/v')",
      needs: "deploy-prod",
    });
  });

  it("gives each environment the variables its deploy job reads, and no credentials", () => {
    const prod = variables("prod");
    expect(prod).toMatchObject({
      AWS_ROLE_ARN: "arn:aws:iam::222222222222:role/suma-auth-prod-github-deploy",
      AWS_REGION: "us-east-1",
      ECS_CLUSTER: "suma-auth-prod",
      ECS_SERVICE: "suma-auth-prod",
      ECR_REPOSITORY: "suma-auth",
      SERVICE_HOSTNAME: "prod.auth.suma-finance.example",
    });
    expect(Object.keys(variables("dev")).some((k) => /SECRET|ACCESS_KEY|TOKEN/.test(k))).toBe(false);
    expect(JSON.stringify(github)).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
  });

  it("gives DR the variables of its own stack in us-west-2, prod's hostname (failover) and no backup variables", () => {
    expect(variables("dr")).toEqual({
      AWS_ROLE_ARN: "arn:aws:iam::222222222222:role/suma-auth-dr-github-deploy",
      AWS_REGION: "us-west-2",
      ECS_CLUSTER: "suma-auth-dr",
      ECS_SERVICE: "suma-auth-dr",
      ECR_REPOSITORY: "suma-auth",
      SERVICE_HOSTNAME: "prod.auth.suma-finance.example",
    });
  });

  it("DR's variables name what the DR stack and its region's shared stack create", () => {
    const byName = (stack: StackJson, type: string, attr: string) => blocks(stack, type).map((b) => b.values[attr]);
    const dr = stacks["suma-auth-dr"]!;
    const vars = variables("dr");
    const role = blocks(dr, "aws_iam_role").find((r) => r.values.name === vars.AWS_ROLE_ARN!.split("/").pop())!;
    expect(role).toBeDefined();
    expect(byName(dr, "aws_ecs_cluster", "name")).toContain(vars.ECS_CLUSTER);
    expect(byName(dr, "aws_ecs_service", "name")).toContain(vars.ECS_SERVICE);
    expect(dr.provider!.aws![0]!.region).toBe(vars.AWS_REGION);
    // The repository the DR job polls is the one replication fills in the DR region.
    const shared = stacks["suma-auth-shared-prod-us-west-2"]!;
    expect(byName(shared, "aws_ecr_repository", "name")).toContain(vars.ECR_REPOSITORY);
    expect(shared.provider!.aws![0]!.region).toBe(vars.AWS_REGION);
    const replication = only(stacks["suma-auth-shared-prod-us-east-1"]!, "aws_ecr_replication_configuration");
    expect(JSON.stringify(replication.values)).toContain('"region":"us-west-2"');
  });

  it("the variables name what the environment stacks actually create", () => {
    const byName = (stack: StackJson, type: string, attr: string) => blocks(stack, type).map((b) => b.values[attr]);
    for (const name of ["dev", "staging", "prod"]) {
      const stack = stacks[`suma-auth-${name}`]!;
      const vars = variables(name);
      expect(byName(stack, "aws_iam_role", "name")).toContain(vars.AWS_ROLE_ARN!.split("/").pop());
      expect(byName(stack, "aws_ecs_cluster", "name")).toContain(vars.ECS_CLUSTER);
      expect(byName(stack, "aws_ecs_service", "name")).toContain(vars.ECS_SERVICE);
      expect(byName(stack, "aws_backup_vault", "name")).toContain(vars.BACKUP_VAULT);
      expect(byName(stack, "aws_iam_role", "name")).toContain(vars.BACKUP_ROLE_ARN!.split("/").pop());
      expect(byName(stack, "aws_rds_cluster", "cluster_identifier")).toContain(
        vars.DATABASE_CLUSTER_ARN!.split(":").pop(),
      );
      // The database bootstrap the job runs: its task definition family and its network configuration parameter.
      expect(byName(stack, "aws_ecs_task_definition", "family")).toContain(vars.DB_BOOTSTRAP_TASK_FAMILY);
      expect(byName(stack, "aws_ssm_parameter", "name")).toContain(vars.DB_BOOTSTRAP_NETWORK_PARAMETER);
      expect(stack.provider!.aws![0]!.region).toBe(vars.AWS_REGION);
    }
  });
});

describe("point 7: the stack can manage its own files on the first apply and every later one", () => {
  const repository = only(github, "github_repository");
  const ruleset = only(github, "github_repository_ruleset");
  const files = blocks(github, "github_repository_file");

  it("authenticates as the automation's GitHub App, with the private key from an ephemeral, sensitive variable", () => {
    const provider = github.provider!.github!;
    expect(provider).toHaveLength(1);
    expect(provider[0]).toEqual({
      owner: "suma-finance",
      app_auth: { id: "1043712", installation_id: "58213904", pem_file: "${var.github_app_private_key}" },
    });
    const variable = (github as { variable?: Record<string, Record<string, unknown>> }).variable!
      .github_app_private_key!;
    expect(variable).toMatchObject({ type: "string", sensitive: true, ephemeral: true, nullable: false });
    expect(variable.default).toBeUndefined();
    expect(JSON.stringify(github)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|"token"/);
  });

  it("adopts the existing repository through an import block, leaving auto_init as the importer records it", () => {
    const imports = (github as { import?: Array<{ to: string; id: string }> }).import;
    expect(imports).toEqual([{ to: `github_repository.${repository.name}`, id: "auth-service" }]);
    expect(repository.values.auto_init).toBeUndefined();
  });

  it("commits every file to the default branch after the ruleset, and after the repository through its name", () => {
    expect(files.map((f) => f.values.file)).toEqual(
      expect.arrayContaining([".github/CODEOWNERS", ".github/workflows/ci.yml", ".github/workflows/deploy.yml"]),
    );
    for (const f of files) {
      expect(f.values.depends_on).toEqual([`github_repository_ruleset.${ruleset.name}`]);
      expect(f.values.repository).toBe(`\${github_repository.${repository.name}.name}`);
      expect(f.values.branch).toBe("main");
      expect(f.values.overwrite_on_create).toBe(true);
    }
    expect(ruleset.values.repository).toBe(`\${github_repository.${repository.name}.name}`);
    expect(ruleset.values.depends_on).toBeUndefined();
  });

  it("records the organization's plan and products for the deployability rules", () => {
    expect(github.output!.github_organization!.value).toEqual({ plan: "enterprise", secret_protection: true });
  });
});

describe("point 9: the organization's plan", () => {
  const team = (change: (c: NonNullable<ReturnType<typeof withConfig>["github"]>) => void = () => undefined) =>
    withConfig((c) => {
      c.github!.organization = { plan: "team", secretProtection: true };
      for (const env of Object.values(c.github!.environments)) {
        delete env.reviewers;
        delete env.waitTimerMinutes;
      }
      change(c.github!);
    });

  it("defaults to GitHub Enterprise with Secret Protection", () => {
    const input = withConfig((c) => void delete (c.github as { organization?: unknown }).organization);
    expect(loadConfig(input).github!.organization).toEqual({ plan: "enterprise", secretProtection: true });
  });

  it("refuses environment reviewers and wait timers on a private repository without Enterprise, naming the page", () => {
    const errors = configErrors(
      withConfig((c) => void (c.github!.organization = { plan: "team", secretProtection: true })),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^github\.environments\.prod\.reviewers: required reviewers: on GitHub Team these protection rules exist for public repositories only; a private repository needs GitHub Enterprise \(see https:\/\/docs\.github\.com\//,
        ),
        expect.stringMatching(/^github\.environments\.prod\.waitTimerMinutes: a wait timer: on GitHub Team/),
        expect.stringMatching(/^github\.environments\.staging\.reviewers: /),
      ]),
    );
  });

  it("accepts the same protection on a public repository, which every plan protects", () => {
    const errors = configErrors(
      withConfig((c) =>
        Object.assign(c.github!, { organization: { plan: "team", secretProtection: false }, visibility: "public" }),
      ),
    );
    expect(errors.filter((e) => /environments|secretScanning/.test(e))).toEqual([]);
  });

  it("refuses secret scanning on a private repository without Secret Protection", () => {
    expect(configErrors(team((g) => void (g.organization = { plan: "team", secretProtection: false })))).toEqual([
      expect.stringMatching(
        /^github\.secretScanning: secret scanning and push protection on a private repository need GitHub Secret Protection/,
      ),
    ]);
    expect(
      configErrors(
        team((g) =>
          Object.assign(g, { organization: { plan: "team", secretProtection: false }, secretScanning: false }),
        ),
      ),
    ).toEqual([]);
  });

  it("refuses Secret Protection on a plan that can't buy it, internal visibility without Enterprise, and the GitHub Actions app as the automation", () => {
    expect(
      configErrors(
        withConfig((c) => Object.assign(c.github!, { organization: { plan: "pro", secretProtection: true } })),
      ),
    ).toContain(
      'github.organization.secretProtection: GitHub Secret Protection is sold to Team and Enterprise organizations only; the plan is "pro" (see https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning)',
    );
    expect(configErrors(team((g) => void (g.visibility = "internal")))).toEqual([
      expect.stringMatching(/^github\.visibility: internal repositories exist only in GitHub Enterprise organizations/),
    ]);
    expect(configErrors(withConfig((c) => void (c.github!.automation = { appId: 15368, installationId: 1 })))).toEqual([
      expect.stringMatching(/^github\.automation\.appId: 15368 is the GitHub Actions app/),
    ]);
  });

  it("refuses environments altogether on GitHub Free for a private repository", () => {
    expect(
      configErrors(withConfig((c) => void (c.github!.organization = { plan: "free", secretProtection: false }))),
    ).toContain(
      "github.environments: GitHub Free offers environments (and their deployment branch and tag policies) on public repositories only; this private repository needs GitHub Team or Enterprise (see https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments)",
    );
  });
});

describe("the AWS side of GitHub deploys", () => {
  it("creates one OIDC provider per account, in its primary region", () => {
    expect(blocks(stacks["suma-auth-shared-prod-us-east-1"]!, "aws_iam_openid_connect_provider")).toHaveLength(1);
    expect(blocks(stacks["suma-auth-shared-nonprod-us-east-1"]!, "aws_iam_openid_connect_provider")).toHaveLength(1);
    expect(blocks(stacks["suma-auth-shared-prod-us-west-2"]!, "aws_iam_openid_connect_provider")).toHaveLength(0);
  });

  it("each deploy role trusts only its own environment of the repository", () => {
    for (const name of ["dev", "staging", "prod", "dr"]) {
      const role = blocks(stacks[`suma-auth-${name}`]!, "aws_iam_role").find(
        (r) => r.values.name === `suma-auth-${name}-github-deploy`,
      )!;
      const condition = policyOf(role, "assume_role_policy").Statement[0]!.Condition as {
        StringEquals: Record<string, unknown>;
      };
      expect(condition.StringEquals["token.actions.githubusercontent.com:sub"]).toEqual([
        `repo:suma-finance/auth-service:environment:${name}`,
      ]);
      expect(condition.StringEquals["token.actions.githubusercontent.com:aud"]).toBe("sts.amazonaws.com");
    }
  });

  it("DR's deploy role fits the DR job: reads the replicated image in its region, deploys its own service, no push and no backup", () => {
    const dr = stacks["suma-auth-dr"]!;
    const role = blocks(dr, "aws_iam_role").find((r) => r.values.name === "suma-auth-dr-github-deploy")!;
    const policy = blocks(dr, "aws_iam_role_policy").find((p) => String(p.values.role).includes(role.name))!;
    const statements = policyOf(policy).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat()).map(String);
    expect(actions).toEqual(
      expect.arrayContaining([
        "ecr:DescribeImages",
        "ecr:DescribeRepositories",
        "ecs:UpdateService",
        "application-autoscaling:DescribeScalableTargets",
      ]),
    );
    expect(
      actions.filter((a) => a.startsWith("backup:") || a === "ecr:PutImage" || a === "ecr:GetAuthorizationToken"),
    ).toEqual([]);
    expect(String(statements.find((s) => s.Sid === "DeployTheService")!.Resource)).toMatch(
      /service\/suma-auth-dr\/suma-auth-dr$/,
    );
  });
});

describe("GitHub config errors", () => {
  it("a CODEOWNERS owner that is not a team, user or email", () => {
    expect(
      configErrors(withConfig((c) => void (c.github!.codeowners[0]!.owners = ["suma-finance/auth-backend"]))),
    ).toEqual([expect.stringMatching(/^github\.codeowners: entries\[0\] \("\*"\): /)]);
  });

  it("a CODEOWNERS pattern GitHub does not support", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void c.github!.codeowners.push({ pattern: "/docs/[a-z]", owners: ["@suma-finance/auth-backend"] }),
        ),
      ),
    ).toEqual([
      expect.stringContaining('entries[6] ("/docs/[a-z]"): "[ ]" character ranges are not supported by CODEOWNERS'),
    ]);
  });

  it("an owning team without write access", () => {
    expect(
      configErrors(
        withConfig((c) => void (c.github!.teams = (c.github!.teams ?? []).filter((t) => t.slug !== "security"))),
      )[0],
    ).toMatch(/^github\.codeowners: .*suma-finance\/security/);
  });

  it("more than 6 reviewers", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.github!.environments.prod!.reviewers = { teams: ["a", "b", "c", "d"], users: ["e", "f", "g"] }),
        ),
      ),
    ).toEqual(["github.environments.prod.reviewers: GitHub allows at most 6 required reviewers; got 7"]);
  });

  it.each([43201, -1])("a wait timer of %i minutes", (minutes) => {
    expect(configErrors(withConfig((c) => void (c.github!.environments.prod!.waitTimerMinutes = minutes)))).toEqual([
      `github.environments.prod.waitTimerMinutes: ${minutes} is outside GitHub's wait timer range 0-43200 minutes`,
    ]);
  });

  it("a private repository on GitHub Free", () => {
    expect(
      configErrors(withConfig((c) => void (c.github!.organization = { plan: "free", secretProtection: false }))),
    ).toContain(
      "github.organization.plan: GitHub Free offers no rulesets or branch protection for private repositories; make the repository public or use a paid plan",
    );
  });
});
