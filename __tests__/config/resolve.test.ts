/** resolveEnvironment: one environment with what its stack and tiers need, derived once. */
import { ConfigError, defaultAppConfig, loadConfig, resolveEnvironment } from "../../config";
import { withConfig } from "../support/synth";

const config = loadConfig(defaultAppConfig);

describe("resolveEnvironment", () => {
  it("refuses an environment the config does not have, naming the path and the ones it has", () => {
    expect(() => resolveEnvironment(config, "qa")).toThrow(ConfigError);
    const known = Object.keys(config.environments).join(", ");
    expect(() => resolveEnvironment(config, "qa")).toThrow(
      `environments.qa: no such environment; the config has ${known}`,
    );
  });

  it("resolves a production primary: its account, names, canary, hostname and its DR copy's vault", () => {
    const prod = resolveEnvironment(config, "prod");
    expect(prod).toMatchObject({
      name: "prod",
      stackName: "suma-auth-prod",
      production: true,
      account: { name: "prod", id: "222222222222" },
      region: "us-east-1",
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      deployment: { strategy: "canary", canaryPercent: 10, canaryBakeMinutes: 5, bakeMinutes: 10 },
      hostname: "prod.auth.suma-finance.example",
      backup: {
        vaultName: "suma-auth-prod-vault",
        airGappedVaultName: "suma-auth-prod-air-gapped",
        dailyRetentionDays: 35,
      },
      deploysFrom: { owner: "suma-finance", name: "auth-service" },
    });
    expect(prod.account.keyAdministration?.breakGlassRoleArn).toBe(
      "arn:aws:iam::222222222222:role/suma-auth-break-glass",
    );
    expect(prod.disasterRecovery).toEqual({
      kind: "primary",
      globalClusterIdentifier: "suma-auth-prod-global",
      copy: {
        name: "dr",
        region: "us-west-2",
        backupVaultArn: "arn:aws:backup:us-west-2:222222222222:backup-vault:suma-auth-dr-vault",
      },
    });
    expect(prod.databaseBootstrap?.taskFamily).toBe("suma-auth-prod-db-bootstrap");
  });

  it("resolves a DR copy from its primary: the primary's hostname, database and global cluster, no bootstrap", () => {
    const dr = resolveEnvironment(config, "dr");
    expect(dr.hostname).toBe("prod.auth.suma-finance.example");
    expect(dr.databaseBootstrap).toBeUndefined();
    expect(dr.disasterRecovery).toMatchObject({
      kind: "copy",
      globalClusterIdentifier: "suma-auth-prod-global",
      primary: {
        name: "prod",
        region: "us-east-1",
        database: { databaseName: "auth", appUser: "suma_app", engineVersion: "16.6" },
      },
      settings: { strategy: "warm-standby", minTasks: 3, failoverGate: { mode: "manual-health-check" } },
    });
  });

  it("resolves an environment without DR, rolling, and no GitHub deployment when the config has no github", () => {
    const dev = resolveEnvironment(config, "dev");
    expect(dev.disasterRecovery).toEqual({ kind: "none" });
    expect(dev.deployment).toEqual({ strategy: "rolling" });
    expect(dev.deploysFrom).toEqual({ owner: "suma-finance", name: "auth-service" });
    const withoutGithub = loadConfig(withConfig((c) => void delete c.github));
    expect(resolveEnvironment(withoutGithub, "dev").deploysFrom).toBeUndefined();
  });

  it("takes the stack name from stackName when the config sets one", () => {
    const renamed = loadConfig(withConfig((c) => void (c.environments.staging!.stackName = "suma-auth-stage")));
    expect(resolveEnvironment(renamed, "staging").stackName).toBe("suma-auth-stage");
  });
});
