/**
 * The default app leaves every KMS key's lifecycle to the configured roles, copies production's
 * recovery points to an air-gapped vault in its own region, and docs/key-administration.md names
 * what the synthesized output holds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { airGappedVaultName, environmentStackName, keyAdministrationOf } from "../../config";
import { KEY_LIFECYCLE_ACTIONS } from "../../modules/kms";
import { blocks, only, policyOf, synthApp } from "../support/synth";

const { config, stacks } = synthApp();
const doc = readFileSync(join(__dirname, "..", "..", "docs", "key-administration.md"), "utf8");

describe("key administration in the default app", () => {
  it("every KMS key of every stack denies its lifecycle actions to all but its account's apply and break-glass roles", () => {
    let keys = 0;
    for (const stack of Object.values(stacks)) {
      const pinned = stack.provider?.aws?.[0]?.allowed_account_ids;
      const account = Object.entries(config.accounts).find(
        ([, a]) => Array.isArray(pinned) && a.id === String(pinned[0]),
      )?.[0];
      for (const key of blocks(stack, "aws_kms_key")) {
        keys++;
        const admin = keyAdministrationOf(config, account!)!;
        const statements = policyOf(key).Statement;
        expect(statements.find((s) => s.Sid === "KeyLifecycleOnlyByApplyAndBreakGlassRoles")).toMatchObject({
          Effect: "Deny",
          Action: [
            "kms:PutKeyPolicy",
            "kms:ScheduleKeyDeletion",
            "kms:DisableKey",
            "kms:DeleteImportedKeyMaterial",
            "kms:ReplicateKey",
            "kms:UpdatePrimaryRegion",
          ],
          Condition: { ArnNotEquals: { "aws:PrincipalArn": [...admin.applyRoleArns, admin.breakGlassRoleArn] } },
        });
        expect(statements.find((s) => s.Sid === "BreakGlassChangesKeyOnlyWithMfa")?.Condition).toEqual({
          ArnEquals: { "aws:PrincipalArn": admin.breakGlassRoleArn },
          BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
        });
      }
    }
    expect(keys).toBeGreaterThan(0);
  });

  it("each production environment with its own backups copies them to its air-gapped vault in its own region", () => {
    for (const [envName, env] of Object.entries(config.environments).filter(([, e]) => e.production && !e.drFor)) {
      const stack = stacks[environmentStackName(config, envName)]!;
      const vault = only(stack, "aws_backup_logically_air_gapped_vault");
      expect(vault.values).toMatchObject({
        name: airGappedVaultName(config, envName),
        min_retention_days: 7,
        max_retention_days: 3650,
      });
      expect(vault.values.region).toBeUndefined();
      expect(stack.provider?.aws?.[0]?.region).toBe(env.region);
    }
  });

  it("docs/key-administration.md names the statements, actions, roles and vault the app synthesizes", () => {
    const all = JSON.stringify(stacks);
    const names = [...new Set(doc.match(/suma-auth[\w./-]*[\w]/g) ?? [])];
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect({ name, found: all.includes(name) }).toEqual({ name, found: true });
    for (const sid of ["KeyLifecycleOnlyByApplyAndBreakGlassRoles", "BreakGlassChangesKeyOnlyWithMfa"])
      expect(doc).toContain(`\`${sid}\``);
    for (const action of KEY_LIFECYCLE_ACTIONS) expect(doc).toContain(`\`${action}\``);
  });
});
