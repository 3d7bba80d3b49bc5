/**
 * The shared stacks' account singletons follow accounts.<name>.singletons: created by default,
 * adopted through import blocks, or referenced (no resource; dependents use the id or ARN).
 */
import { accountRegions, environmentStackName, sharedStackName, type AppConfigInput } from "../../config";
import { githubOidcProviderArn } from "../../modules/github-oidc";
import { blocks, importIdOf, importsOf, only, policyOf, synthApp, withConfig } from "../support/synth";

const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

const prodSingletons = (
  singletons: NonNullable<NonNullable<AppConfigInput["accounts"][string]>["singletons"]>,
  awsConfig = false,
) =>
  withConfig((c) => {
    c.accounts.prod!.awsConfig = awsConfig;
    c.accounts.prod!.singletons = singletons;
  });

describe("shared stacks by default", () => {
  const { config, stacks } = synthApp();

  it("create one detector per account and region, the OIDC provider per account, and import nothing", () => {
    for (const pair of accountRegions(config)) {
      const shared = stacks[sharedStackName(config, pair)]!;
      expect(blocks(shared, "aws_guardduty_detector")).toHaveLength(1);
      expect(blocks(shared, "aws_iam_openid_connect_provider")).toHaveLength(pair.primary ? 1 : 0);
      expect(importsOf(shared)).toEqual([]);
    }
  });
});

describe("shared stacks adopting", () => {
  const input = prodSingletons(
    {
      guardDuty: { "us-east-1": { mode: "adopt", detectorId: DETECTOR } },
      configRecorder: { "us-east-1": { mode: "adopt", recorderName: "default", deliveryChannelName: "default" } },
      githubOidcProvider: { mode: "adopt" },
    },
    true,
  );
  const { config, stacks } = synthApp(input);
  const pairs = accountRegions(config).filter((p) => p.account === "prod");
  const east =
    stacks[
      sharedStackName(
        config,
        pairs.find((p) => p.region === "us-east-1")!,
      )
    ]!;
  const west =
    stacks[
      sharedStackName(
        config,
        pairs.find((p) => p.region !== "us-east-1")!,
      )
    ]!;
  const accountId = config.accounts.prod!.id;

  it("adopt through five import blocks in us-east-1", () => {
    expect(importsOf(east)).toHaveLength(5);
  });

  it("import the region's detector by id, only where configured", () => {
    expect(importIdOf(east, only(east, "aws_guardduty_detector"))).toBe(DETECTOR);
    expect(importIdOf(west, only(west, "aws_guardduty_detector"))).toBeUndefined();
  });

  it("import the recorder, channel and status by name where configured, and create them elsewhere", () => {
    expect(only(east, "aws_config_configuration_recorder").values.name).toBe("default");
    expect(importIdOf(east, only(east, "aws_config_configuration_recorder"))).toBe("default");
    expect(importIdOf(east, only(east, "aws_config_delivery_channel"))).toBe("default");
    expect(importIdOf(east, only(east, "aws_config_configuration_recorder_status"))).toBe("default");
    expect(importIdOf(west, only(west, "aws_config_configuration_recorder"))).toBeUndefined();
  });

  it("import the account's GitHub OIDC provider by its ARN in the primary region", () => {
    expect(importIdOf(east, only(east, "aws_iam_openid_connect_provider"))).toBe(githubOidcProviderArn(accountId));
    expect(blocks(west, "aws_iam_openid_connect_provider")).toEqual([]);
  });
});

describe("shared stacks referencing", () => {
  const input = prodSingletons(
    {
      guardDuty: { "us-east-1": { mode: "reference" }, "us-west-2": { mode: "reference" } },
      configRecorder: { "us-east-1": { mode: "reference" }, "us-west-2": { mode: "reference" } },
      githubOidcProvider: { mode: "reference" },
    },
    true,
  );
  const { config, stacks } = synthApp(input);
  const prodShared = accountRegions(config)
    .filter((p) => p.account === "prod")
    .map((p) => stacks[sharedStackName(config, p)]!);

  it("create no detector, features, recorder, channel or OIDC provider in the account", () => {
    for (const shared of prodShared) {
      for (const type of [
        "aws_guardduty_detector",
        "aws_guardduty_detector_feature",
        "aws_config_configuration_recorder",
        "aws_config_delivery_channel",
        "aws_iam_openid_connect_provider",
      ]) {
        expect(blocks(shared, type)).toEqual([]);
      }
      expect(importsOf(shared)).toEqual([]);
    }
  });

  it("still let the deploy role trust the referenced provider's ARN", () => {
    const prod = stacks[environmentStackName(config, "prod")]!;
    const roles = blocks(prod, "aws_iam_role").filter((r) =>
      String(r.values.assume_role_policy).includes("AssumeRoleWithWebIdentity"),
    );
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      expect(policyOf(role, "assume_role_policy").Statement[0]!.Principal).toEqual({
        Federated: githubOidcProviderArn(config.accounts.prod!.id),
      });
    }
  });
});
