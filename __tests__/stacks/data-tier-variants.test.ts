/** The data tier under other settings than the default app's: a whole-app synth each, so these run in the slow tier. */
import { byPath, only, synthApp, withConfig } from "../support/synth";

describe("the master password of prod's global primary", () => {
  it("rotates when config raises masterPasswordVersion: the cluster and the secret get the new version together", () => {
    const rotated = synthApp(
      withConfig(
        (c) => void (c.environments.prod!.database = { ...c.environments.prod!.database, masterPasswordVersion: 2 }),
      ),
    ).stacks["suma-auth-prod"]!;
    expect(only(rotated, "aws_rds_cluster").values.master_password_wo_version).toBe(2);
    expect(
      byPath(rotated, "aws_secretsmanager_secret_version", "database/master-secret-value").values
        .secret_string_wo_version,
    ).toBe(2);
  });
});
