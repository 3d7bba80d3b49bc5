import { TerraformOutput, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  RegistryReplication,
  ReplicationRepositoryTemplate,
  ServiceRepository,
  type RegistryReplicationProps,
  type ServiceRepositoryProps,
} from "../../modules/registry";
import { blocks, only, policyOf, resourceTypes, synthConstruct } from "../support/stack-json";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CI_ROLE = "arn:aws:iam::123456789012:role/ci-deploy";

interface LifecycleRuleJson {
  rulePriority: number;
  selection: Record<string, unknown>;
  action: { type: string };
}

function lifecycleOf(stack: ReturnType<typeof synthConstruct>): LifecycleRuleJson[] {
  const raw = only(stack, "aws_ecr_lifecycle_policy").values.policy;
  if (typeof raw !== "string") throw new Error("lifecycle policy is not a string");
  return (JSON.parse(raw) as { rules: LifecycleRuleJson[] }).rules;
}

describe("ServiceRepository", () => {
  const stack = synthConstruct(
    (scope) =>
      new ServiceRepository(scope, "api", { name: "acme/auth-api", kmsKeyArn: KEY, pushPrincipalArns: [CI_ROLE] }),
  );

  it("has immutable tags, scans on push, is KMS-encrypted with the given key and is protected from destroy", () => {
    expect(only(stack, "aws_ecr_repository").values).toMatchObject({
      name: "acme/auth-api",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: KEY }],
      force_delete: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("expires untagged images after 7 days first, then keeps the last 30 tagged images", () => {
    const rules = lifecycleOf(stack);
    expect(rules.map((r) => r.rulePriority)).toEqual([1, 2]);
    expect(rules[0]).toMatchObject({
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
      action: { type: "expire" },
    });
    expect(rules[1]).toMatchObject({
      selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 30 },
      action: { type: "expire" },
    });
    expect(only(stack, "aws_ecr_lifecycle_policy").values.repository).toMatch(/^\$\{aws_ecr_repository\..+\.name\}$/);
  });

  it("uses the retention it is given", () => {
    const custom = synthConstruct(
      (scope) =>
        new ServiceRepository(scope, "r", { name: "svc", kmsKeyArn: KEY, keepReleaseImages: 5, untaggedExpiryDays: 1 }),
    );
    expect(lifecycleOf(custom).map((r) => r.selection.countNumber)).toEqual([1, 5]);
  });

  it("denies every ECR action to principals of other accounts", () => {
    const [deny] = policyOf(only(stack, "aws_ecr_repository_policy")).Statement;
    expect(deny).toMatchObject({ Effect: "Deny", Principal: "*", Action: "ecr:*" });
    expect(deny!.Condition).toEqual({
      StringNotEquals: {
        "aws:PrincipalAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\..+\.account_id\}$/),
      },
    });
    expect(deny).not.toHaveProperty("Resource");
  });

  it("lets the CI deploy roles push and nothing more", () => {
    const statements = policyOf(only(stack, "aws_ecr_repository_policy")).Statement;
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatchObject({ Effect: "Allow", Principal: { AWS: [CI_ROLE] } });
    expect([...(statements[1]!.Action as string[])].sort()).toEqual([
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]);
    expect(statements[1]!.Action).not.toContain("ecr:*");
  });

  it("has only the account deny without push principals", () => {
    const bare = synthConstruct((scope) => new ServiceRepository(scope, "r", { name: "svc", kmsKeyArn: KEY }));
    const statements = policyOf(only(bare, "aws_ecr_repository_policy")).Statement;
    expect(statements.map((s) => s.Effect)).toEqual(["Deny"]);
  });

  it("may drop prevent_destroy and accepts token ARNs", () => {
    const free = synthConstruct((scope) => {
      const role = new TerraformVariable(scope, "role", { type: "string" });
      const key = new TerraformVariable(scope, "key", { type: "string" });
      new ServiceRepository(scope, "r", {
        name: "svc",
        kmsKeyArn: key.stringValue,
        pushPrincipalArns: [role.stringValue],
        preventDestroy: false,
      });
    });
    expect(only(free, "aws_ecr_repository").values.lifecycle).toEqual({ prevent_destroy: false });
    expect(policyOf(only(free, "aws_ecr_repository_policy")).Statement[1]!.Principal).toEqual({ AWS: ["${var.role}"] });
  });

  it("exposes the repository's name, ARN and URL", () => {
    const out = synthConstruct((scope) => {
      const repo = new ServiceRepository(scope, "r", { name: "svc", kmsKeyArn: KEY });
      new TerraformOutput(scope, "name", { value: repo.repositoryName });
      new TerraformOutput(scope, "arn", { value: repo.repositoryArn });
      new TerraformOutput(scope, "url", { value: repo.repositoryUrl });
      new TerraformOutput(scope, "resource", { value: repo.repository.id });
    });
    const ref = (attribute: string) =>
      expect.stringMatching(new RegExp(`^\\$\\{aws_ecr_repository\\.r_repository_[0-9A-F]{8}\\.${attribute}\\}$`));
    expect(out.output).toEqual({
      name: { value: ref("name") },
      arn: { value: ref("arn") },
      url: { value: ref("repository_url") },
      resource: { value: ref("id") },
    });
  });

  it("deploys every resource and looks up the account with the provider it is given", () => {
    const dr = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "us-west-2", alias: "dr" });
      new ServiceRepository(scope, "r", { name: "svc", kmsKeyArn: KEY, provider });
      new RegistryReplication(scope, "replication", {
        destinations: [{ region: "us-east-1", registryId: "123456789012" }],
        provider,
      });
    });
    expect(resourceTypes(dr).sort()).toEqual([
      "aws_ecr_lifecycle_policy",
      "aws_ecr_replication_configuration",
      "aws_ecr_repository",
      "aws_ecr_repository_policy",
    ]);
    for (const type of resourceTypes(dr)) expect(only(dr, type).values.provider).toBe("aws.dr");
    expect(blocks(dr, "aws_caller_identity", "data").map((b) => b.values.provider)).toEqual(["aws.dr"]);
  });

  it.each<[Partial<ServiceRepositoryProps>, string]>([
    [{ name: "a" }, 'name "a" is not a valid ECR repository name'],
    [{ name: "Acme/api" }, 'name "Acme/api" is not a valid ECR repository name'],
    [{ name: "-api" }, 'name "-api" is not a valid ECR repository name'],
    [{ name: "api/" }, 'name "api/" is not a valid ECR repository name'],
    [{ name: "a".repeat(257) }, `name "${"a".repeat(257)}" is not a valid ECR repository name`],
    [{ kmsKeyArn: "" }, 'kmsKeyArn "" must be the ARN of a customer-managed KMS key'],
    [
      { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/aws/ecr" },
      'kmsKeyArn "arn:aws:kms:us-east-1:123456789012:alias/aws/ecr" must be the ARN of a customer-managed KMS key',
    ],
    [{ keepReleaseImages: 0 }, "keepReleaseImages must be a whole number from 1 to 1000 (got 0)"],
    [{ keepReleaseImages: 1001 }, "keepReleaseImages must be a whole number from 1 to 1000 (got 1001)"],
    [{ keepReleaseImages: 2.5 }, "keepReleaseImages must be a whole number from 1 to 1000 (got 2.5)"],
    [{ untaggedExpiryDays: 0 }, "untaggedExpiryDays must be a whole number of days above 0 (got 0)"],
    [{ untaggedExpiryDays: 1.5 }, "untaggedExpiryDays must be a whole number of days above 0 (got 1.5)"],
    [{ pushPrincipalArns: ["ci-deploy"] }, 'pushPrincipalArns entry "ci-deploy" is not an IAM role or user ARN'],
    [{ pushPrincipalArns: [CI_ROLE, CI_ROLE] }, "pushPrincipalArns lists the same principal more than once"],
  ])("rejects %p", (props, message) => {
    expect(() =>
      synthConstruct((scope) => new ServiceRepository(scope, "repo", { name: "svc", kmsKeyArn: KEY, ...props })),
    ).toThrow(`repo: ${message}`);
  });
});

describe("RegistryReplication", () => {
  const destinations = [
    { region: "us-west-2", registryId: "123456789012" },
    { region: "eu-west-1", registryId: "210987654321" },
  ];

  it("replicates every repository to all destinations in one rule", () => {
    const stack = synthConstruct((scope) => new RegistryReplication(scope, "replication", { destinations }));
    const rules = (
      only(stack, "aws_ecr_replication_configuration").values.replication_configuration as {
        rule: Array<Record<string, unknown>>;
      }
    ).rule;
    expect(rules).toHaveLength(1);
    expect(rules[0]!.destination).toEqual([
      { region: "us-west-2", registry_id: "123456789012" },
      { region: "eu-west-1", registry_id: "210987654321" },
    ]);
    expect(rules[0]!.repository_filter).toBeUndefined();
  });

  it("limits replication to repository prefixes with PREFIX_MATCH filters", () => {
    const stack = synthConstruct(
      (scope) =>
        new RegistryReplication(scope, "replication", { destinations, repositoryPrefixes: ["acme/", "shared"] }),
    );
    const rules = (
      only(stack, "aws_ecr_replication_configuration").values.replication_configuration as {
        rule: Array<Record<string, unknown>>;
      }
    ).rule;
    expect(rules[0]!.repository_filter).toEqual([
      { filter: "acme/", filter_type: "PREFIX_MATCH" },
      { filter: "shared", filter_type: "PREFIX_MATCH" },
    ]);
  });

  it("accepts a registry id that is a token", () => {
    const stack = synthConstruct((scope) => {
      const account = new TerraformVariable(scope, "account", { type: "string" });
      new RegistryReplication(scope, "replication", {
        destinations: [{ region: "us-west-2", registryId: account.stringValue }],
      });
    });
    const rules = (
      only(stack, "aws_ecr_replication_configuration").values.replication_configuration as {
        rule: Array<Record<string, unknown>>;
      }
    ).rule;
    expect(rules[0]!.destination).toEqual([{ region: "us-west-2", registry_id: "${var.account}" }]);
  });

  it.each<[Partial<RegistryReplicationProps>, string]>([
    [{ destinations: [] }, "destinations must hold 1 to 25 entries (got 0)"],
    [
      { destinations: [{ region: "uswest2", registryId: "123456789012" }] },
      'destinations region "uswest2" is not an AWS region name',
    ],
    [
      { destinations: [{ region: "us-west-2", registryId: "12345" }] },
      'destinations registryId "12345" for us-west-2 must be a 12-digit account id',
    ],
    [
      {
        destinations: [
          { region: "us-west-2", registryId: "123456789012" },
          { region: "us-west-2", registryId: "210987654321" },
        ],
      },
      "destinations list region us-west-2 more than once",
    ],
    [{ repositoryPrefixes: ["Acme"] }, 'repositoryPrefixes entry "Acme" must be 1-256 of a-z'],
    [{ repositoryPrefixes: [""] }, 'repositoryPrefixes entry "" must be 1-256 of a-z'],
    [{ repositoryPrefixes: ["acme", "acme"] }, "repositoryPrefixes lists the same prefix more than once"],
  ])("rejects %p", (props, message) => {
    expect(() => synthConstruct((scope) => new RegistryReplication(scope, "repl", { destinations, ...props }))).toThrow(
      `repl: ${message}`,
    );
  });
});

describe("ReplicationRepositoryTemplate", () => {
  const stack = synthConstruct(
    (scope) => new ReplicationRepositoryTemplate(scope, "template", { name: "acme-prod", kmsKeyArn: KEY }),
  );
  const template = only(stack, "aws_ecr_repository_creation_template");

  it("applies to replication under ROOT (a prefix gets a trailing '/', so it would miss a repository named without one)", () => {
    expect(template.values).toMatchObject({ prefix: "ROOT", applied_for: ["REPLICATION"] });
  });

  it("gives a repository ECR creates the service repository's settings: the region's KMS key, immutable tags, lifecycle, account-only policy", () => {
    expect(template.values).toMatchObject({
      encryption_configuration: [{ encryption_type: "KMS", kms_key: KEY }],
      image_tag_mutability: "IMMUTABLE",
    });
    const rules = (JSON.parse(String(template.values.lifecycle_policy)) as { rules: LifecycleRuleJson[] }).rules;
    expect(rules.map((r) => r.selection.tagStatus)).toEqual(["untagged", "tagged"]);
    expect(policyOf(template, "repository_policy").Statement).toEqual([
      expect.objectContaining({ Sid: "DenyPrincipalsOfOtherAccounts", Effect: "Deny" }),
    ]);
  });

  it("uses a custom role ECR assumes, with the documented actions on this region's repositories and the one key, before the template exists", () => {
    const role = only(stack, "aws_iam_role");
    expect(template.values.custom_role_arn).toBe(`\${aws_iam_role.${role.name}.arn}`);
    expect(policyOf(role, "assume_role_policy").Statement).toEqual([
      expect.objectContaining({ Principal: { Service: "ecr.amazonaws.com" }, Action: "sts:AssumeRole" }),
    ]);
    const permissions = only(stack, "aws_iam_role_policy");
    const statements = policyOf(permissions).Statement;
    expect(statements[0]).toMatchObject({ Action: ["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"] });
    expect(String(statements[0]!.Resource)).toMatch(/:repository\/\*$/);
    expect(statements[1]).toMatchObject({
      Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
      Resource: KEY,
    });
    expect(template.values.depends_on).toEqual([`aws_iam_role_policy.${permissions.name}`]);
  });

  it("refuses a key alias and a malformed prefix", () => {
    expect(() =>
      synthConstruct(
        (scope) =>
          new ReplicationRepositoryTemplate(scope, "t", {
            name: "a",
            kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/x",
          }),
      ),
    ).toThrow(/kmsKeyArn .* full key ARN/);
    expect(() =>
      synthConstruct(
        (scope) => new ReplicationRepositoryTemplate(scope, "t", { name: "a", kmsKeyArn: KEY, prefix: "Bad" }),
      ),
    ).toThrow(/prefix "Bad" must be ROOT/);
  });
});
