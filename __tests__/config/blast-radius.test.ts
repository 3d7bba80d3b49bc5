/**
 * Config that keeps the data out of an administrator's reach (issue 14, item 9): who administers
 * each account's KMS keys (keyAdministrationValid: production accounts need it; roles of the
 * account itself) and the copy of backups to a logically air-gapped vault (backupSettingsValid).
 */
import { backupSettings, keyAdministrationOf, loadConfig, sumaAuthConfig } from "../../config";
import { configErrors } from "../support/config-errors";
import { withConfig } from "../support/synth";

describe("accounts.<name>.keyAdministration", () => {
  it("the default config names an apply role and a break-glass role of each account itself", () => {
    const config = loadConfig(sumaAuthConfig);
    for (const [name, account] of Object.entries(config.accounts)) {
      const admin = keyAdministrationOf(config, name)!;
      expect(admin.applyRoleArns.length).toBeGreaterThan(0);
      for (const arn of [...admin.applyRoleArns, admin.breakGlassRoleArn])
        expect(arn).toMatch(new RegExp(`^arn:aws:iam::${account.id}:role/`));
      expect(admin.applyRoleArns).not.toContain(admin.breakGlassRoleArn);
    }
  });

  it("refuses an account that runs production without it, naming the environments", () => {
    expect(configErrors(withConfig((c) => void delete c.accounts.prod!.keyAdministration))).toEqual([
      expect.stringMatching(
        /^accounts\.prod\.keyAdministration: the account runs production \(prod, dr\), so its KMS keys must leave policy changes, disabling and deletion to the Terraform apply roles and an MFA break-glass role/,
      ),
    ]);
  });

  it("leaves it optional for an account without production", () => {
    expect(configErrors(withConfig((c) => void delete c.accounts.nonprod!.keyAdministration))).toEqual([]);
    expect(
      keyAdministrationOf(loadConfig(withConfig((c) => void delete c.accounts.nonprod!.keyAdministration)), "nonprod"),
    ).toBeUndefined();
  });

  it.each([
    [
      "a wildcard",
      "arn:aws:iam::222222222222:role/*",
      'accounts.prod.keyAdministration.applyRoleArns.0: "arn:aws:iam::222222222222:role/*" is not an IAM role ARN without wildcards',
    ],
    [
      "a user",
      "arn:aws:iam::222222222222:user/alice",
      'accounts.prod.keyAdministration.applyRoleArns.0: "arn:aws:iam::222222222222:user/alice" is not an IAM role ARN',
    ],
  ])("refuses %s as an apply role", (_what, arn, message) => {
    expect(configErrors(withConfig((c) => void (c.accounts.prod!.keyAdministration!.applyRoleArns = [arn])))).toEqual([
      expect.stringContaining(message),
    ]);
  });

  it("refuses an empty apply role list", () => {
    expect(configErrors(withConfig((c) => void (c.accounts.prod!.keyAdministration!.applyRoleArns = [])))).toEqual([
      "accounts.prod.keyAdministration.applyRoleArns: name at least one role Terraform applies as",
    ]);
  });

  it("refuses a role of another account: KMS takes key administration only from the key's account", () => {
    expect(
      configErrors(
        withConfig(
          (c) =>
            void (c.accounts.prod!.keyAdministration!.breakGlassRoleArn = "arn:aws:iam::111111111111:role/break-glass"),
        ),
      ),
    ).toEqual([
      "accounts.prod.keyAdministration.breakGlassRoleArn: arn:aws:iam::111111111111:role/break-glass is a role of account 111111111111, not of this account (222222222222); KMS accepts key administration only from the key's own account",
    ]);
  });

  it("refuses a break-glass role that is also an apply role", () => {
    const same = withConfig(
      (c) =>
        void (c.accounts.prod!.keyAdministration!.breakGlassRoleArn =
          c.accounts.prod!.keyAdministration!.applyRoleArns[0]!),
    );
    expect(configErrors(same)).toEqual([
      "accounts.prod.keyAdministration.breakGlassRoleArn: is also an apply role; the break-glass role must be a separate role that needs MFA",
    ]);
  });
});

describe("environments.<name>.backup.airGappedCopy", () => {
  it("is on in production by default (7 to 3650 days) and off elsewhere and in the DR copy", () => {
    const config = loadConfig(sumaAuthConfig);
    expect(backupSettings(config.environments.prod!).airGappedCopy).toEqual({
      minRetentionDays: 7,
      maxRetentionDays: 3650,
    });
    expect(backupSettings(config.environments.dev!).airGappedCopy).toBeUndefined();
    expect(backupSettings(config.environments.dr!).airGappedCopy).toBeUndefined();
    expect(
      backupSettings(
        loadConfig(withConfig((c) => void (c.environments.prod!.backup = { airGappedCopy: false }))).environments.prod!,
      ).airGappedCopy,
    ).toBeUndefined();
  });

  it("refuses one on a DR copy, which backs nothing up itself", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.backup = { airGappedCopy: {} })))).toEqual([
      'environments.dr.backup.airGappedCopy: a DR copy backs nothing up itself (its primary "prod" copies into its vault); set airGappedCopy on the primary',
    ]);
  });

  it("refuses a minimum below 7 days", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.prod!.backup = { airGappedCopy: { minRetentionDays: 3 } }))),
    ).toEqual([
      "environments.prod.backup.airGappedCopy.minRetentionDays: 3 is below 7: AWS Backup's smallest minimum retention for a logically air-gapped vault",
    ]);
  });

  it("refuses daily or weekly retentions outside the vault's range, which would fail every copy job", () => {
    expect(
      configErrors(
        withConfig(
          (c) => void (c.environments.prod!.backup = { airGappedCopy: { minRetentionDays: 60, maxRetentionDays: 80 } }),
        ),
      ),
    ).toEqual([
      "environments.prod.backup.dailyRetentionDays: 35 days is outside the air-gapped vault's retention range 60-80 (backup.airGappedCopy); AWS Backup fails every copy job into it",
      "environments.prod.backup.weeklyRetentionDays: 90 days is outside the air-gapped vault's retention range 60-80 (backup.airGappedCopy); AWS Backup fails every copy job into it",
    ]);
  });
});
