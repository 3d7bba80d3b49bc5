/**
 * unresolvedReferences and unresolvedRemoteOutputs over stacks built in code: references that
 * resolve, dangling ones, escapes, functions, for-expressions, JSON-encoded strings, remote state.
 */
import { unresolvedReferences, unresolvedRemoteOutputs, type TerraformDocument } from "../../../analysis/policy";

/** A stack declaring a VPC, a bucket, a data source, a variable, a local, a module and a remote state. */
function stackWith(extra: Record<string, Record<string, Record<string, unknown>>> = {}): TerraformDocument {
  return {
    variable: { environment: { type: "string" } },
    locals: { prefix: "suma" },
    module: { vpc_module: { source: "./vpc" } },
    provider: { aws: [{ region: "us-east-1" }, { alias: "west", region: "us-west-2" }] },
    data: {
      aws_caller_identity: { me: {} },
      terraform_remote_state: {
        shared: {
          backend: "s3",
          config: { bucket: "state", key: "shared/terraform.tfstate" },
          workspace: "${terraform.workspace}",
        },
      },
    },
    resource: {
      aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
      aws_s3_bucket: { logs: { bucket: "logs" } },
      ...extra,
    },
  };
}

/** A stack whose one test resource has the given arguments. */
const withArgs = (values: Record<string, unknown>) => stackWith({ test_resource: { subject: values } });
const problemsOf = (values: Record<string, unknown>) => unresolvedReferences(withArgs(values));

describe("unresolvedReferences", () => {
  it.each([
    ["a resource attribute", "${aws_vpc.main.id}"],
    ["a data source", "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"],
    ["a variable and a local", "${local.prefix}-${var.environment}"],
    ["a module output", "${module.vpc_module.vpc_id}"],
    ["remote state outputs", "${data.terraform_remote_state.shared.outputs.repository_url}:v1"],
    ["built-ins", "${terraform.workspace}/${path.module}/${count.index}/${each.key}/${self.id}"],
    ["an index and a splat", "${aws_vpc.main[0].id} ${aws_vpc.main[*].id} ${aws_vpc.main.*.id}"],
    [
      "functions with nested references",
      '${element(split(",", join(",", [aws_vpc.main.id, aws_s3_bucket.logs.arn])), 0)}',
    ],
    [
      "jsonencode of an object",
      '${jsonencode({ bucket = aws_s3_bucket.logs.id, "quoted key" = var.environment, nested = { a = 1 } })}',
    ],
    [
      "a for-expression binding its own names",
      "${{ for key, val in tolist(aws_vpc.main.tags) : key => { name = val.name, vpc = aws_vpc.main.id } }}",
    ],
    ["a list for-expression with a condition", '${[for s in aws_s3_bucket.logs.tags : upper(s) if s != ""]}'],
    ["a quoted template inside an interpolation", '${replace("${aws_s3_bucket.logs.arn}/*", "x", local.prefix)}'],
    ["a conditional", '${var.environment == "prod" ? aws_vpc.main.id : ""}'],
    ["a provider-defined function", "${provider::aws::arn_parse(aws_s3_bucket.logs.arn).account_id}"],
    [
      "template directives",
      '%{ if var.environment == "prod" }on%{ else }off%{ endif } %{ for b in aws_s3_bucket.logs.tags ~}${b}%{ endfor ~}',
    ],
    ["escaped interpolations and directives", "literal $${{ github.sha }} and $${HOME} and %%{http_code}"],
    ["an escaped IAM policy variable", "arn:aws:s3:::bucket/$${aws:username}/*"],
    ["plain text", "no interpolation here: $HOME, {braces}, 100%"],
  ])("accepts %s", (_what, value) => {
    expect(problemsOf({ value })).toEqual([]);
  });

  it("reports a dangling resource reference with its path and expression", () => {
    expect(problemsOf({ vpc_id: "${aws_vpc.missing.id}" })).toEqual([
      {
        path: "resource.test_resource.subject.vpc_id",
        expression: "${aws_vpc.missing.id}",
        reason: "aws_vpc.missing is not declared in this stack",
      },
    ]);
  });

  it.each([
    ["an undeclared resource type", "${aws_subnet.main.id}", "aws_subnet.main is not declared in this stack"],
    [
      "an undeclared data source",
      "${data.aws_region.current.name}",
      "data.aws_region.current is not declared in this stack",
    ],
    ["an undeclared variable", "${var.region}", 'var.region is not declared in this stack (no variable "region")'],
    ["an undeclared local", "${local.suffix}", "local.suffix is not declared in this stack"],
    ["an undeclared module", "${module.dns.zone_id}", "module.dns is not declared in this stack"],
    [
      "an undeclared remote state",
      "${data.terraform_remote_state.other.outputs.x}",
      "data.terraform_remote_state.other is not declared in this stack",
    ],
    ["an unknown function", "${frobnicate(aws_vpc.main.id)}", "frobnicate() is not a Terraform function"],
    [
      "a dangling reference nested in a function",
      "${jsonencode({ a = [aws_vpc.main.id, aws_vpc.gone.arn] })}",
      "aws_vpc.gone is not declared in this stack",
    ],
    [
      "a dangling reference inside a quoted template",
      '${lower("${aws_vpc.gone.id}")}',
      "aws_vpc.gone is not declared in this stack",
    ],
    ["an unterminated interpolation", "${aws_vpc.main.id", 'unterminated "${"; write "$${" for a literal'],
    [
      "a GitHub Actions expression",
      "group: ${{ github.workflow }}-${{ github.ref }}",
      'a GitHub Actions expression "${{ … }}" is read by Terraform as an interpolation; write it as "$${{ … }}"',
    ],
    ["a GitHub comparison", "${{ github.event_name == 'pull_request' }}", 'a GitHub Actions expression "${{ … }}"'],
    [
      "a shell variable",
      'echo "${IMAGE_TAG}"',
      '"IMAGE_TAG" is not a Terraform reference (a shell variable? write "$${IMAGE_TAG}" for a literal)',
    ],
    ["a shell default", "${ECS_CLUSTER:?not set}", '"ECS_CLUSTER" is not a Terraform reference'],
    [
      "a curl format",
      "--write-out '%{http_code}'",
      '"%{http_code}" is not a template directive (if, else, endif, for, endfor); write "%%{" for a literal "%{"',
    ],
  ])("reports %s", (_what, value, reason) => {
    const problems = problemsOf({ value });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.reason).toContain(reason);
    expect(problems[0]!.path).toBe("resource.test_resource.subject.value");
  });

  it("reports one problem per interpolation, each with its own expression", () => {
    expect(
      problemsOf({ value: "${aws_vpc.a.id} ok ${aws_vpc.main.id} ${aws_vpc.b.id}" }).map((p) => p.expression),
    ).toEqual(["${aws_vpc.a.id}", "${aws_vpc.b.id}"]);
  });

  it("looks inside JSON-encoded strings and points into them", () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: "Allow", Resource: "${aws_s3_bucket.logs.arn}/*" },
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::${data.aws_caller_identity.nobody.account_id}:root" } },
      ],
    });
    expect(problemsOf({ policy })).toEqual([
      {
        path: "resource.test_resource.subject.policy#Statement[1].Principal.AWS",
        expression: "${data.aws_caller_identity.nobody.account_id}",
        reason: "data.aws_caller_identity.nobody is not declared in this stack",
      },
    ]);
  });

  it("checks container definitions and nested blocks too", () => {
    const containerDefinitions = JSON.stringify([
      { name: "app", image: "${aws_ecr_repository.repo.repository_url}:v1" },
    ]);
    const problems = problemsOf({
      container_definitions: containerDefinitions,
      network: [{ subnets: ["${aws_subnet.a.id}"] }],
    });
    expect(problems.map((p) => p.path)).toEqual([
      "resource.test_resource.subject.container_definitions#[0].image",
      "resource.test_resource.subject.network[0].subnets[0]",
    ]);
  });

  it("checks depends_on entries and provider aliases", () => {
    const problems = problemsOf({
      depends_on: ["aws_vpc.main", "aws_s3_bucket_policy.gone", "data.aws_caller_identity.me", "module.vpc_module"],
      provider: "aws.east",
    });
    expect(problems).toEqual([
      {
        path: "resource.test_resource.subject.depends_on[1]",
        expression: "aws_s3_bucket_policy.gone",
        reason: "depends_on: aws_s3_bucket_policy.gone is not declared in this stack",
      },
      {
        path: "resource.test_resource.subject.provider",
        expression: "aws.east",
        reason: 'provider "aws" has no configuration with alias "east" in this stack',
      },
    ]);
    expect(problemsOf({ provider: "aws.west", depends_on: ["aws_vpc.main"] })).toEqual([]);
  });

  it("ignores cdktf's // metadata", () => {
    expect(problemsOf({ "//": { metadata: { path: "${not.a.reference}" } } })).toEqual([]);
  });
});

describe("unresolvedRemoteOutputs", () => {
  const producer: TerraformDocument = {
    terraform: { backend: { s3: { bucket: "state", key: "shared/terraform.tfstate", region: "us-east-1" } } },
    output: { repository_url: { value: "${aws_ecr_repository.repo.repository_url}" } },
  };

  it("accepts outputs the writing stack declares", () => {
    const consumer = withArgs({ image: "${data.terraform_remote_state.shared.outputs.repository_url}:v1" });
    expect(unresolvedRemoteOutputs({ shared: producer, env: consumer })).toEqual([]);
  });

  it("reports an output the writing stack does not declare", () => {
    const consumer = withArgs({ image: "${data.terraform_remote_state.shared.outputs.registry_id}" });
    expect(unresolvedRemoteOutputs({ shared: producer, env: consumer })).toEqual([
      {
        stack: "env",
        path: "resource.test_resource.subject.image",
        expression: "${data.terraform_remote_state.shared.outputs.registry_id}",
        reason: 'stack shared declares no output "registry_id"',
      },
    ]);
  });

  it("reports a remote state no stack writes", () => {
    const consumer = withArgs({ image: "${data.terraform_remote_state.shared.outputs.repository_url}" });
    const problems = unresolvedRemoteOutputs({ env: consumer });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(
      /^no stack of the app writes the state data\.terraform_remote_state\.shared reads \(s3:"state"\/"shared\/terraform\.tfstate"/,
    );
  });
});

describe("unresolvedReferences and ephemeral resources", () => {
  const withEphemeral = (values: Record<string, unknown>): TerraformDocument => ({
    ...withArgs(values),
    ephemeral: { aws_secretsmanager_random_password: { db: { password_length: 40 } } },
  });

  it("resolves a reference to an ephemeral block the stack declares, alone or inside jsonencode", () => {
    expect(
      unresolvedReferences(
        withEphemeral({
          master_password_wo: "${ephemeral.aws_secretsmanager_random_password.db.random_password}",
          secret_string_wo:
            '${jsonencode({"password" = ephemeral.aws_secretsmanager_random_password.db.random_password})}',
        }),
      ),
    ).toEqual([]);
  });

  it("reports a reference to an ephemeral block the stack does not declare", () => {
    expect(
      unresolvedReferences(
        withEphemeral({ master_password_wo: "${ephemeral.aws_secretsmanager_random_password.other.random_password}" }),
      ),
    ).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /ephemeral\.aws_secretsmanager_random_password\.other is not declared in this stack/,
        ),
      }),
    ]);
    expect(
      problemsOf({ master_password_wo: "${ephemeral.aws_secretsmanager_random_password.db.random_password}" }),
    ).toHaveLength(1);
  });
});
