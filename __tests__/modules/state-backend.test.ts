import { App, TerraformStack, Testing } from "cdktf";
import { HcpTerraformBackend, StateBucket, useS3Backend } from "../../modules/state-backend";
import { only, policyOf, synthConstruct, type StackJson } from "../support/stack-json";

function synthStack(build: (stack: TerraformStack) => void): StackJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

describe("useS3Backend", () => {
  it("renders encryption, the KMS key and use_lockfile (set by override), with no DynamoDB table", () => {
    const stack = synthStack((s) =>
      useS3Backend(s, { bucket: "b", key: "k/terraform.tfstate", region: "us-east-1", kmsKeyId: "alias-arn" }),
    );
    expect(stack.terraform?.backend?.s3).toEqual({
      bucket: "b",
      key: "k/terraform.tfstate",
      region: "us-east-1",
      encrypt: true,
      kms_key_id: "alias-arn",
      use_lockfile: true,
    });
  });
});

describe("HcpTerraformBackend", () => {
  it("renders a cloud block with one named workspace, without needing a terraform binary", () => {
    const stack = synthStack(
      (s) => new HcpTerraformBackend(s, { organization: "acme", workspace: "acme-prod", project: "auth" }),
    );
    expect(stack.terraform?.cloud).toEqual({
      organization: "acme",
      hostname: "app.terraform.io",
      workspaces: { name: "acme-prod", project: "auth" },
    });
    expect(stack.terraform?.backend).toBeUndefined();
  });

  it("rejects a workspace name HCP Terraform would refuse", () => {
    const app = new App();
    expect(
      () => new HcpTerraformBackend(new TerraformStack(app, "s"), { organization: "acme", workspace: "bad name" }),
    ).toThrow('workspace "bad name" must be');
  });
});

describe("StateBucket", () => {
  const stack = synthConstruct(
    (scope) => new StateBucket(scope, "state", { bucketName: "acme-tfstate-1-us-east-1", keyAlias: "acme-tfstate" }),
  );

  it("encrypts state with its own rotated key, both protected from destroy", () => {
    const key = only(stack, "aws_kms_key");
    expect(key.values).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(only(stack, "aws_kms_alias").values.name).toBe("alias/acme-tfstate");
    expect(only(stack, "aws_s3_bucket").values).toMatchObject({
      bucket: "acme-tfstate-1-us-east-1",
      lifecycle: { prevent_destroy: true },
    });
    const sse = JSON.stringify(only(stack, "aws_s3_bucket_server_side_encryption_configuration").values.rule);
    expect(sse).toContain(`aws_kms_key.${key.name}.arn`);
  });

  it("versions state and expires old versions", () => {
    expect(only(stack, "aws_s3_bucket_versioning").values.versioning_configuration).toEqual({ status: "Enabled" });
    expect(JSON.stringify(only(stack, "aws_s3_bucket_lifecycle_configuration").values.rule)).toContain(
      '"noncurrent_days":90',
    );
  });

  it("denies uploads naming any KMS key but the state key, admitting its key ARN and the alias ARN the backend sends, and leaves header-less uploads to the bucket default", () => {
    const key = only(stack, "aws_kms_key");
    const alias = only(stack, "aws_kms_alias");
    const deny = policyOf(only(stack, "aws_s3_bucket_policy")).Statement.find(
      (s) => s.Sid === "DenyObjectsEncryptedWithAnotherKmsKey",
    )!;
    expect(deny).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:PutObject" });
    expect(deny.Resource).toMatch(/\/\*$/);
    expect(deny.Condition).toEqual({
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
      StringNotEquals: {
        "s3:x-amz-server-side-encryption-aws-kms-key-id": [
          `\${aws_kms_key.${key.name}.arn}`,
          `\${aws_kms_alias.${alias.name}.arn}`,
        ],
      },
    });
  });
});
