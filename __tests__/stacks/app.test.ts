import { allStackNames, defaultAppConfig, loadConfig } from "../../config";
import { blocks, byPath, only, synthApp, type StackJson } from "../support/synth";

const { stacks } = synthApp();
const stack = (name: string): StackJson => {
  const found = stacks[name];
  if (!found) throw new Error(`no stack ${name} (have ${Object.keys(stacks).join(", ")})`);
  return found;
};
const environmentStacks = ["suma-auth-dev", "suma-auth-staging", "suma-auth-prod", "suma-auth-dr"];

describe("default app", () => {
  it("writes one Terraform JSON per stack", () => {
    // From config: a state and a shared stack per account and region, one per environment, and GitHub's.
    expect(Object.keys(stacks).sort()).toEqual(allStackNames(loadConfig(defaultAppConfig)).sort());
  });

  it.each(environmentStacks)(
    "%s keeps state in S3, encrypted with the state key and locked with use_lockfile",
    (name) => {
      const backend = stack(name).terraform?.backend?.s3;
      const account = name === "suma-auth-dev" || name === "suma-auth-staging" ? "111111111111" : "222222222222";
      const region = name === "suma-auth-dr" ? "us-west-2" : "us-east-1";
      expect(backend).toEqual({
        bucket: `suma-auth-tfstate-${account}-${region}`,
        key: `${name}/terraform.tfstate`,
        region,
        encrypt: true,
        kms_key_id: `arn:aws:kms:${region}:${account}:alias/suma-auth-tfstate`,
        use_lockfile: true,
      });
      expect(backend).not.toHaveProperty("dynamodb_table");
    },
  );

  it("bootstraps each state bucket from local state", () => {
    const state = stack("suma-auth-state-prod-us-west-2");
    expect(state.terraform?.backend).toEqual({
      local: { path: "../../../.terraform-state/suma-auth-state-prod-us-west-2.tfstate" },
    });
    expect(only(state, "aws_s3_bucket").values.bucket).toBe("suma-auth-tfstate-222222222222-us-west-2");
  });

  it("pins every provider to its account and carries the default tags", () => {
    const provider = stack("suma-auth-prod").provider?.aws?.[0];
    expect(provider).toMatchObject({ region: "us-east-1", allowed_account_ids: ["222222222222"] });
    expect((provider?.default_tags as Array<{ tags: Record<string, string> }>)[0]!.tags).toMatchObject({
      app: "suma-auth",
      environment: "prod",
      owner: "platform-engineering",
      "data-classification": "restricted",
      "managed-by": "cdktf",
    });
    expect(stack("suma-auth-dr").provider?.aws?.[0]).toMatchObject({
      region: "us-west-2",
      allowed_account_ids: ["222222222222"],
    });
  });

  it("prod spans 3 AZs x 3 tiers with 3 NAT gateways; dev 2 AZs with 1", () => {
    const prod = stack("suma-auth-prod");
    expect(blocks(prod, "aws_subnet")).toHaveLength(9);
    expect(new Set(blocks(prod, "aws_subnet").map((s) => s.values.availability_zone))).toEqual(
      new Set(["us-east-1a", "us-east-1b", "us-east-1c"]),
    );
    expect(blocks(prod, "aws_nat_gateway")).toHaveLength(3);
    const dev = stack("suma-auth-dev");
    expect(blocks(dev, "aws_subnet")).toHaveLength(6);
    expect(blocks(dev, "aws_nat_gateway")).toHaveLength(1);
  });

  it("protects prod's flow log group from destroy, but not dev's", () => {
    expect(
      byPath(stack("suma-auth-prod"), "aws_cloudwatch_log_group", "network/flow-logs/log-group").values.lifecycle,
    ).toEqual({ prevent_destroy: true });
    expect(
      byPath(stack("suma-auth-dev"), "aws_cloudwatch_log_group", "network/flow-logs/log-group").values.lifecycle,
    ).toEqual({ prevent_destroy: false });
  });

  it("environment stacks read the shared stack's logs key through remote state with the producer's backend", () => {
    const prod = stack("suma-auth-prod");
    const remote = only(prod, "terraform_remote_state", "data");
    expect(remote.values).toMatchObject({
      backend: "s3",
      config: {
        bucket: "suma-auth-tfstate-222222222222-us-east-1",
        key: "suma-auth-shared-prod-us-east-1/terraform.tfstate",
        region: "us-east-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:us-east-1:222222222222:alias/suma-auth-tfstate",
      },
    });
    const group = byPath(prod, "aws_cloudwatch_log_group", "network/flow-logs/log-group");
    expect(group.values.kms_key_id).toMatch(
      new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${remote.name}\\.outputs\\.`),
    );
    const shared = stack("suma-auth-shared-prod-us-east-1");
    const outputName = String(group.values.kms_key_id).split(".outputs.")[1]!.replace(/\}$/, "");
    expect(shared.output?.[outputName]).toBeDefined();
  });

  it("the DR stack reads only the shared stack of its own region (the DNS zone id comes from an SSM parameter there)", () => {
    const remotes = blocks(stack("suma-auth-dr"), "terraform_remote_state", "data").map(
      (r) => r.values.config as Record<string, string>,
    );
    expect(remotes.map((c) => [c.bucket, c.key]).sort()).toEqual([
      ["suma-auth-tfstate-222222222222-us-west-2", "suma-auth-shared-prod-us-west-2/terraform.tfstate"],
    ]);
  });
});
