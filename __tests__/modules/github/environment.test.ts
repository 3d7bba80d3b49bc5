import { refPatternMatches } from "../../../modules/github/environment-rules";
import { DeploymentEnvironment, variableNameProblem, type DeploymentEnvironmentProps } from "../../../modules/github";
import { blocks, only, synthConstruct } from "../../support/stack-json";

const base: DeploymentEnvironmentProps = {
  repository: "auth-service",
  name: "prod",
  branchPolicy: { kind: "protected-branches" },
};

function build(props: Partial<DeploymentEnvironmentProps> = {}) {
  let made: DeploymentEnvironment | undefined;
  const stack = synthConstruct((s) => {
    made = new DeploymentEnvironment(s, "env", { ...base, ...props });
  });
  return { made: made!, stack, environment: only(stack, "github_repository_environment").values };
}

describe("DeploymentEnvironment", () => {
  it("without reviewers: no reviewers block, no admin bypass, no wait, no self-review setting", () => {
    const { environment } = build();
    expect(environment).toMatchObject({
      repository: "auth-service",
      environment: "prod",
      wait_timer: 0,
      can_admins_bypass: false,
      prevent_self_review: false,
    });
    expect(environment).not.toHaveProperty("reviewers");
  });

  it("requires the reviewers by the ids of the team and user data sources, and prevents self-review", () => {
    const { stack, environment } = build({ reviewers: { teams: ["release-managers"], users: ["alice", "bob"] } });
    const team = only(stack, "github_team", "data");
    const users = blocks(stack, "github_user", "data");
    expect(team.values).toEqual({ slug: "release-managers", summary_only: true });
    expect(users.map((u) => u.values.username)).toEqual(["alice", "bob"]);
    // One list expression per kind (cdktf's HCL export cannot write token numbers in a list literal).
    expect(environment.reviewers).toEqual([
      {
        teams: `\${tolist([tonumber(data.github_team.${team.name}.id)])}`,
        users: `\${tolist([${users.map((u) => `tonumber(data.github_user.${u.name}.id)`).join(", ")}])}`,
      },
    ]);
    expect(environment.prevent_self_review).toBe(true);
  });

  it("sends only the kind of reviewer given", () => {
    expect(build({ reviewers: { teams: ["release-managers"] } }).environment.reviewers).toEqual([
      { teams: expect.stringContaining("data.github_team.") },
    ]);
  });

  it("allows self-review and admin bypass only when asked", () => {
    expect(
      build({ reviewers: { users: ["alice"] }, preventSelfReview: false, adminsCanBypass: true }).environment,
    ).toMatchObject({ prevent_self_review: false, can_admins_bypass: true });
  });

  it("sets the wait timer", () => {
    expect(build({ waitTimerMinutes: 43200 }).environment.wait_timer).toBe(43200);
  });

  it("lets only protected branches deploy with the protected-branches policy", () => {
    const { stack, environment } = build();
    expect(environment.deployment_branch_policy).toEqual({ protected_branches: true, custom_branch_policies: false });
    expect(blocks(stack, "github_repository_environment_deployment_policy")).toEqual([]);
  });

  it("makes one deployment policy per custom branch and tag pattern", () => {
    const { stack, environment, made } = build({
      branchPolicy: { kind: "custom", branches: ["main", "release/*"], tags: ["v*"] },
    });
    expect(environment.deployment_branch_policy).toEqual({ protected_branches: false, custom_branch_policies: true });
    const policies = blocks(stack, "github_repository_environment_deployment_policy").map((p) => p.values);
    expect(policies.map((p) => p.branch_pattern ?? `tag:${String(p.tag_pattern)}`).sort()).toEqual([
      "main",
      "release/*",
      "tag:v*",
    ]);
    for (const p of policies)
      expect(p).toMatchObject({
        repository: "auth-service",
        environment: expect.stringMatching(/^\$\{github_repository_environment\..+\.environment\}$/),
      });
    expect(made.deploymentPolicies).toHaveLength(3);
  });

  it("makes the variables in the environment", () => {
    const { stack, made } = build({
      variables: { AWS_ROLE_ARN: "arn:aws:iam::1:role/deploy", AWS_REGION: "us-east-1" },
    });
    const variables = blocks(stack, "github_actions_environment_variable").map((v) => v.values);
    expect(variables).toHaveLength(2);
    expect(variables).toEqual(
      expect.arrayContaining([
        {
          repository: "auth-service",
          environment: expect.stringContaining("github_repository_environment."),
          variable_name: "AWS_ROLE_ARN",
          value: "arn:aws:iam::1:role/deploy",
        },
        {
          repository: "auth-service",
          environment: expect.stringContaining("github_repository_environment."),
          variable_name: "AWS_REGION",
          value: "us-east-1",
        },
      ]),
    );
    expect(Object.keys(made.variables)).toEqual(["AWS_ROLE_ARN", "AWS_REGION"]);
    expect(made.environmentName).toMatch(/^\$\{TfToken/);
  });

  it("refuses more than 6 reviewers", () => {
    const reviewers = { teams: ["a", "b", "c"], users: ["u1", "u2", "u3", "u4"] };
    expect(() => build({ reviewers })).toThrow("env: reviewers: GitHub allows at most 6 required reviewers; got 7");
  });

  it.each([43201, -1, 2.5])("refuses a wait timer of %p minutes", (minutes) => {
    expect(() => build({ waitTimerMinutes: minutes })).toThrow(
      `env: waitTimerMinutes: must be a whole number of minutes from 0 to 43200 (30 days); got ${minutes}`,
    );
  });

  it("refuses a custom policy without patterns, and blank patterns", () => {
    expect(() => build({ branchPolicy: { kind: "custom" } })).toThrow(
      'env: branchPolicy: a "custom" policy needs at least one branch or tag pattern',
    );
    expect(() => build({ branchPolicy: { kind: "custom", tags: [""] } })).toThrow(
      'env: branchPolicy: tags[0]: "" must be a non-empty pattern without whitespace',
    );
  });

  it.each([
    "DB_PASSWORD",
    "API_TOKEN",
    "CLIENT_SECRET",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "SIGNING_PRIVATE_KEY",
  ])("refuses the credential-like variable %s", (name) => {
    expect(() => build({ variables: { [name]: "x" } })).toThrow(`env: variables.${name}: looks like a credential`);
    expect(variableNameProblem(name)).toContain("long-lived credentials never belong in the repository");
  });

  it("refuses malformed and reserved variable names", () => {
    expect(() => build({ variables: { aws_region: "x" } })).toThrow(
      'env: variables.aws_region: names are uppercase letters, digits and "_"',
    );
    expect(() => build({ variables: { "1X": "x" } })).toThrow("env: variables.1X: names are uppercase");
    expect(() => build({ variables: { GITHUB_SHA: "x" } })).toThrow(
      "env: variables.GITHUB_SHA: names starting with GITHUB_ are reserved by GitHub",
    );
    expect(variableNameProblem("AWS_ROLE_ARN")).toBeUndefined();
  });

  it("refuses bad names, reviewer slugs and usernames, and reports them together", () => {
    let message = "";
    try {
      build({ name: "prod env", reviewers: { teams: ["Release Managers"], users: ["-alice"] } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'stack/env: name: "prod env" must be 1-255 of letters, digits, ".", "-" and "_", starting with a letter or digit',
      'stack/env: reviewers: teams[0]: "Release Managers" is not a team slug (lowercase letters, digits, "-" and "_")',
      'stack/env: reviewers: users[0]: "-alice" is not a GitHub username (alphanumerics and single hyphens, at most 39 characters)',
    ]);
  });

  it("refuses duplicate reviewers", () => {
    expect(() => build({ reviewers: { users: ["alice", "Alice"] } })).toThrow(
      'env: reviewers: users[1]: "Alice" is listed twice',
    );
  });
});

describe("refPatternMatches (GitHub's File.fnmatch deployment patterns)", () => {
  it.each([
    ["v*", "v1.2.3", true],
    ["v*", "main", false],
    ["main", "main", true],
    ["ma?n", "main", true],
    ["release/*", "release/1.0", true],
    ["release/*", "release/a/b", false],
    ["v[0-9]*", "v10.0.0", true],
    ["v[!0-9]*", "v1.0.0", false],
    ["v1.*", "v10.0.0", false],
    ["v1.*", "v1x0", false],
  ])("%s matches %s: %s", (pattern, ref, expected) => {
    expect(refPatternMatches(pattern, ref)).toBe(expected);
  });
});
