import {
  backupSettings,
  databaseSettings,
  deploymentOf,
  drSettings,
  loadConfig,
  policySuppressions,
  sumaAuthConfig,
} from "../../config";
import { configErrors } from "../support/config-errors";
import { withConfig } from "../support/synth";

describe("config schema", () => {
  it("accepts the default SUMA config and fills defaults", () => {
    const config = loadConfig(sumaAuthConfig);
    expect(config.environments.prod?.network.natMode).toBe("per-az");
    expect(config.environments.prod?.network.subnetPrefixes).toEqual({ public: 24, private: 20, isolated: 24 });
    expect(config.environments.prod?.network.flowLogRetentionDays).toBe(400);
    expect(config.environments.dev?.production).toBe(false);
  });

  // The schema and the derivations take these from the modules' default constants: the figures
  // here are the documented defaults, so moving one constant shows up as a failure.
  it("fills the defaults it shares with the modules", () => {
    const config = loadConfig(sumaAuthConfig);
    const prod = config.environments.prod!;
    expect(prod.network.azSlots).toBe(4);
    expect(prod.service.healthCheckPath).toBe("/health");
    expect(prod.service.rollback).toEqual({ targetErrorRatePercent: 5, p99LatencySeconds: 2 });
    expect(prod.service.waf).toEqual({ credentialRateLimit: 100, globalRateLimit: 2000 });
    expect(prod.database.engineVersion).toBe("16.6");
    expect(prod.cache.engine).toBe("valkey");
    expect(prod.backup).toMatchObject({ dailyRetentionDays: 35, weeklyRetentionDays: 90 });
    expect(config.github?.requiredApprovals).toBe(2);
    expect(config.github?.visibility).toBe("private");
    expect(deploymentOf(prod)).toEqual({
      strategy: "canary",
      canaryPercent: 10,
      canaryBakeMinutes: 5,
      bakeMinutes: 10,
    });
    expect(config.environments.staging!.service.deployment).toEqual({
      strategy: "canary",
      canaryPercent: 10,
      canaryBakeMinutes: 5,
      bakeMinutes: 10,
    });
    expect(backupSettings(prod)).toMatchObject({
      vaultLock: { changeableForDays: 3 },
      airGappedCopy: { minRetentionDays: 7, maxRetentionDays: 3650 },
    });
    expect([
      databaseSettings(config, "prod").backupRetentionDays,
      databaseSettings(config, "dev").backupRetentionDays,
    ]).toEqual([14, 7]);
    expect(drSettings(config.environments.dr!).strategy).toBe("warm-standby");
  });

  it("names the path and the reason for a CIDR that is not IPv4", () => {
    const errors = configErrors(withConfig((c) => void (c.environments.prod!.network.cidr = "10.0.0.0/33")));
    expect(errors).toEqual(['environments.prod.network.cidr: "10.0.0.0/33" is not an IPv4 CIDR']);
  });

  it("rejects a CIDR whose address is not the network's first", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dev!.network.cidr = "10.10.0.1/16")))).toEqual([
      'environments.dev.network.cidr: "10.10.0.1/16" is not an IPv4 CIDR',
    ]);
  });

  it("rejects an unknown region", () => {
    const errors = configErrors(withConfig((c) => void (c.environments.staging!.region = "us-east-9" as never)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^environments\.staging\.region: "us-east-9" is not a known AWS region/);
  });

  it("rejects an account id that is not 12 digits", () => {
    expect(configErrors(withConfig((c) => void (c.accounts.prod!.id = "12345")))).toEqual([
      'accounts.prod.id: "12345" is not a 12-digit AWS account id',
    ]);
  });

  it("rejects unknown keys instead of ignoring a typo", () => {
    const errors = configErrors(withConfig((c) => Object.assign(c.environments.dev!.network, { natMdoe: "single" })));
    expect(errors).toEqual(['environments.dev.network: Unrecognized key: "natMdoe"; did you mean "natMode"?']);
  });

  it("offers no suggestion for an unknown key that is nothing like an allowed one, and reports each key", () => {
    const errors = configErrors(
      withConfig((c) => Object.assign(c.environments.dev!.network, { colour: "blue", flowLogRetentionDay: 30 })),
    );
    expect(errors).toEqual([
      'environments.dev.network: Unrecognized key: "colour"',
      'environments.dev.network: Unrecognized key: "flowLogRetentionDay"; did you mean "flowLogRetentionDays"?',
    ]);
  });

  it("suggests keys inside unions and records, such as the backend and an account", () => {
    const errors = configErrors(
      withConfig((c) => {
        Object.assign(c.accounts.prod!, { Id: c.accounts.prod!.id });
      }),
    );
    expect(errors).toContain('accounts.prod: Unrecognized key: "Id"; did you mean "id"?');
  });

  it("rejects a flow log retention CloudWatch does not accept", () => {
    const errors = configErrors(withConfig((c) => void (c.environments.prod!.network.flowLogRetentionDays = 366)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^environments\.prod\.network\.flowLogRetentionDays: 366 is not a CloudWatch Logs retention value/,
    );
  });

  it("rejects an unknown backend type", () => {
    const errors = configErrors(withConfig((c) => void (c.backend = { type: "gcs" } as never)));
    expect(errors[0]).toMatch(/^backend\.type: /);
  });

  it("reports every problem at once", () => {
    const errors = configErrors(
      withConfig((c) => {
        c.environments.prod!.network.cidr = "nope";
        c.accounts.prod!.id = "x";
      }),
    );
    expect(errors).toHaveLength(2);
  });

  it("rejects something that is not an object", () => {
    expect(configErrors("prod")).toEqual([expect.stringMatching(/^: |expected object/)]);
  });
});

describe("policy suppressions by class of environment", () => {
  const base = { ruleId: "SUMA-RDS-003", address: "aws_rds_cluster.*", reason: "synthetic data, rebuilt at will" };

  it("cover the stacks of every environment in the class, so an added environment is covered", () => {
    const config = loadConfig(
      withConfig((c) => {
        c.environments.qa = {
          ...structuredClone(c.environments.dev!),
          network: { ...c.environments.dev!.network, cidr: "10.99.0.0/16" },
        };
        c.policy = {
          suppressions: [
            { ...base, environments: "non-production" },
            { ...base, ruleId: "SUMA-RDS-006", environments: "production" },
          ],
        };
      }),
    );
    const [nonProduction, production] = policySuppressions(config);
    expect(nonProduction!.stack).toEqual(["suma-auth-dev", "suma-auth-staging", "suma-auth-qa"]);
    expect(production!.stack).toEqual(["suma-auth-prod", "suma-auth-dr"]);
  });

  it("take either a stack or a class, not both and not neither", () => {
    const errors = configErrors(
      withConfig(
        (c) => void (c.policy = { suppressions: [{ ...base, stack: "*", environments: "production" }, base] }),
      ),
    );
    expect(errors).toEqual([
      'policy.suppressions.0: give either stack (a stack name or "*") or environments ("production" or "non-production")',
      'policy.suppressions.1: give either stack (a stack name or "*") or environments ("production" or "non-production")',
    ]);
  });
});
