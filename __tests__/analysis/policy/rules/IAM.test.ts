/**
 * IAM rules (analysis/policy/rules/iam/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { IAM_RULES } from "../../../../analysis/policy/rules/iam";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  type Companions,
  describeFixtureCoverage,
  describeSubjectFixtures,
  type SubjectFixtures,
} from "../../../support/rule-fixtures";

const policy = (...statements: Array<Record<string, unknown>>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

const githubTrust = (
  condition: Record<string, unknown>,
  federated = "${aws_iam_openid_connect_provider.github.arn}",
): ResourceValues => ({
  name: "suma-auth-prod-github-deploy",
  assume_role_policy: policy({
    Sid: "GithubEnvironmentOnly",
    Effect: "Allow",
    Principal: { Federated: federated },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
  }),
});

const oidcProvider: Companions = {
  aws_iam_openid_connect_provider: {
    github: { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] },
  },
};

const AUD = "token.actions.githubusercontent.com:aud";

const SUB = "token.actions.githubusercontent.com:sub";

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-IAM-001": {
    violating: [
      {
        what: "s3:*",
        values: { policy: policy({ Effect: "Allow", Action: ["s3:*"], Resource: "${aws_s3_bucket.b.arn}/*" }) },
        expect: /allows "s3:\*"/,
      },
      {
        what: "KMS:* in any case",
        values: { policy: policy({ Sid: "Keys", Effect: "Allow", Action: "KMS:*", Resource: "${aws_kms_key.k.arn}" }) },
        expect: /statement "Keys" allows "KMS:\*"/,
      },
      {
        what: '"*" on one resource',
        values: { policy: policy({ Effect: "Allow", Action: "*", Resource: "${aws_rds_cluster.db.arn}" }) },
        expect: /allows "\*"/,
      },
      {
        what: "NotAction",
        values: { policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) },
        expect: /NotAction/,
      },
      {
        what: "a managed policy with secretsmanager:*",
        type: "aws_iam_policy",
        values: { name: "p", policy: policy({ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }) },
        expect: /secretsmanager:\*/,
      },
      {
        what: "a role's legacy inline_policy with dynamodb:*",
        type: "aws_iam_role",
        values: {
          name: "r",
          assume_role_policy: "{}",
          inline_policy: [{ name: "data", policy: policy({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }) }],
        },
        expect: /inline_policy "data" statement #0 allows "dynamodb:\*"/,
      },
      { what: "a policy that is not JSON", values: { policy: "{not json" }, expect: /policy is not valid JSON/ },
    ],
    compliant: [
      {
        what: "named actions on named resources",
        values: {
          policy: policy({
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "kms:Decrypt"],
            Resource: ["${aws_secretsmanager_secret.s.arn}"],
          }),
        },
      },
      {
        what: "a Deny of s3:*",
        values: {
          policy: policy({
            Effect: "Deny",
            Action: "s3:*",
            Resource: "*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        },
      },
      {
        what: "a wildcard on a non-data service",
        values: {
          policy: policy({ Effect: "Allow", Action: "logs:*", Resource: "${aws_cloudwatch_log_group.g.arn}:*" }),
        },
      },
      { what: "a whole-policy token", values: { policy: "${data.aws_iam_policy_document.p.json}" } },
    ],
  },
  "SUMA-IAM-002": {
    violating: [
      {
        what: '"*" on "*"',
        values: { policy: policy({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }) },
        expect: /statement "Admin" allows Action "\*" on every resource/,
      },
      {
        what: "NotAction on *",
        values: { policy: policy({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }) },
        expect: /near-administrator/,
      },
      {
        what: '"*" with NotResource',
        type: "aws_iam_user_policy",
        values: { policy: policy({ Effect: "Allow", Action: ["*"], NotResource: "arn:aws:s3:::x" }) },
        expect: /administrator access/,
      },
    ],
    compliant: [
      {
        what: "a single action on *",
        values: { policy: policy({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }) },
      },
      {
        what: "a Deny of * on *",
        values: {
          policy: policy({
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
          }),
        },
      },
    ],
  },
  "SUMA-IAM-003": {
    violating: [
      {
        what: "AdministratorAccess with a partition token",
        values: {
          role: "${aws_iam_role.r.name}",
          policy_arn: "arn:${data.aws_partition.p.partition}:iam::aws:policy/AdministratorAccess",
        },
        expect: /policy_arn is arn:.*AdministratorAccess; attach a least-privilege policy/,
      },
      {
        what: "PowerUserAccess on a group",
        type: "aws_iam_group_policy_attachment",
        values: { group: "devs", policy_arn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        expect: /PowerUserAccess/,
      },
      {
        what: "IAMFullAccess in a role's managed_policy_arns",
        type: "aws_iam_role",
        values: { name: "r", assume_role_policy: "{}", managed_policy_arns: ["arn:aws:iam::aws:policy/IAMFullAccess"] },
        expect: /managed_policy_arns includes arn:aws:iam::aws:policy\/IAMFullAccess/,
      },
    ],
    compliant: [
      {
        what: "a narrow AWS managed policy",
        values: {
          role: "r",
          policy_arn:
            "arn:${data.aws_partition.p.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        },
      },
      {
        what: "a customer policy that happens to be called AdministratorAccess",
        values: { role: "r", policy_arn: "arn:aws:iam::222222222222:policy/AdministratorAccess" },
      },
    ],
  },
  "SUMA-IAM-004": {
    violating: [
      {
        what: "no audience",
        values: githubTrust({ StringEquals: { [SUB]: "repo:suma-finance/auth-service:environment:prod" } }),
        companions: oidcProvider,
        expect: /does not pin token\.actions\.githubusercontent\.com:aud/,
      },
      {
        what: "a foreign audience",
        values: githubTrust({
          StringEquals: { [AUD]: ["sts.amazonaws.com", "other"], [SUB]: "repo:o/r:environment:prod" },
        }),
        expect: /allow only "sts\.amazonaws\.com"/,
      },
      {
        what: "no subject",
        values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" } }),
        companions: oidcProvider,
        expect: /does not pin token\.actions\.githubusercontent\.com:sub, so any repository/,
      },
      {
        what: "a wildcard repository",
        values: githubTrust({
          StringEquals: { [AUD]: "sts.amazonaws.com" },
          StringLike: { [SUB]: "repo:suma-finance/*:environment:prod" },
        }),
        expect: /wildcard in the repository part/,
      },
      {
        what: "a bare * subject",
        values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" }, StringLike: { [SUB]: "*" } }),
        expect: /does not name a repository/,
      },
      {
        what: "the subject under ForAllValues:StringLike",
        values: githubTrust({
          StringEquals: { [AUD]: "sts.amazonaws.com" },
          "ForAllValues:StringLike": { [SUB]: "repo:o/r:*" },
        }),
        expect: /appears under ForAllValues:StringLike, which does not pin it/,
      },
      {
        what: "a literal provider ARN and no conditions",
        values: githubTrust({}, "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"),
        expect: /does not pin token\.actions\.githubusercontent\.com:sub/,
      },
      {
        what: "a trust policy that is not JSON",
        values: { name: "r", assume_role_policy: "{oops" },
        expect: /assume_role_policy is not valid JSON/,
      },
    ],
    compliant: [
      {
        what: "pinned to an environment with StringEquals (as the app does)",
        values: githubTrust(
          { StringEquals: { [AUD]: "sts.amazonaws.com", [SUB]: ["repo:suma-finance/auth-service:environment:prod"] } },
          "${data.terraform_remote_state.shared.outputs.oidc-arn}",
        ),
      },
      {
        what: "StringLike with a wildcard after the repository",
        values: githubTrust({
          StringEquals: { [AUD]: "sts.amazonaws.com" },
          StringLike: { [SUB]: "repo:suma-finance/auth-service:*" },
        }),
        companions: oidcProvider,
      },
      {
        what: "a service trust policy",
        values: {
          name: "ecs-task",
          assume_role_policy: policy({
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
          }),
        },
      },
    ],
  },
};

describe("rules/iam", () => {
  describeFixtureCoverage(IAM_RULES, FIXTURES);
  describeSubjectFixtures(IAM_RULES, FIXTURES);
});
