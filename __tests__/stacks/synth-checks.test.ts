import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../config";
import { checkSynthesizedOutput, PolicyViolation, productionStacks } from "../../stacks/synth-checks";
import { defaultConfigInput } from "../support/synth";

const config = loadConfig(defaultConfigInput());
const unprotectedDatabase = {
  resource: {
    aws_rds_cluster: {
      db: {
        engine: "aurora-postgresql",
        storage_encrypted: false,
        deletion_protection: false,
        skip_final_snapshot: true,
        iam_database_authentication_enabled: true,
      },
    },
  },
};

function outdirWith(stacks: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "suma-checks-"));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

describe("deployability checks during synth", () => {
  it("block the synth in a non-production stack too, and ignore suppressions", () => {
    const dir = outdirWith({
      "suma-auth-dev": {
        provider: { aws: [{ region: "us-east-1", allowed_account_ids: ["111111111111"] }] },
        resource: {
          aws_rds_cluster: {
            db: { global_cluster_identifier: "g", lifecycle: { ignore_changes: ["replication_source_identifier"] } },
          },
          // A writer and a reader in two zones, so only the cross-stack finding below is left (SUMA-DEP-751).
          aws_rds_cluster_instance: {
            w: { cluster_identifier: "${aws_rds_cluster.db.id}", availability_zone: "us-east-1a" },
            r: { cluster_identifier: "${aws_rds_cluster.db.id}", availability_zone: "us-east-1b" },
          },
        },
      },
      "suma-auth-staging": { resource: { aws_rds_global_cluster: { g: { global_cluster_identifier: "g" } } } },
    });
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({ stacks: { "suma-auth-dev": { dependencies: [] }, "suma-auth-staging": { dependencies: [] } } }),
    );
    try {
      let thrown: unknown;
      try {
        checkSynthesizedOutput(config, dir, { warn: () => undefined, info: () => undefined });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PolicyViolation);
      expect((thrown as PolicyViolation).lines).toEqual([
        expect.stringMatching(
          /^SUMA-DEP-601 suma-auth-dev aws_rds_cluster\.db: global cluster "g" is created by suma-auth-staging/,
        ),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("policy checks during synth", () => {
  it("treats prod, DR, the production account's shared and state stacks and the GitHub stack as production", () => {
    expect([...productionStacks(config)].sort()).toEqual(
      [
        "suma-auth-dr",
        "suma-auth-github",
        "suma-auth-prod",
        "suma-auth-shared-prod-us-east-1",
        "suma-auth-shared-prod-us-west-2",
        "suma-auth-state-prod-us-east-1",
        "suma-auth-state-prod-us-west-2",
      ].sort(),
    );
  });

  it("fails the synth for an error-severity finding or a data-loss risk in a production stack", () => {
    const dir = outdirWith({ "suma-auth-prod": unprotectedDatabase });
    try {
      let thrown: unknown;
      try {
        checkSynthesizedOutput(config, dir, { warn: () => undefined, info: () => undefined });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PolicyViolation);
      const lines = (thrown as PolicyViolation).lines;
      expect(lines.some((l) => l.startsWith("SUMA-RDS-001 suma-auth-prod aws_rds_cluster.db"))).toBe(true);
      expect(lines.some((l) => l.startsWith("DATA-LOSS suma-auth-prod aws_rds_cluster.db: deletion_protection"))).toBe(
        true,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("only warns for the same finding in a non-production stack", () => {
    const dir = outdirWith({ "suma-auth-dev": unprotectedDatabase });
    const warnings: string[] = [];
    try {
      expect(() =>
        checkSynthesizedOutput(config, dir, { warn: (t) => warnings.push(t), info: () => undefined }),
      ).not.toThrow();
      expect(warnings.join("")).toContain("SUMA-RDS-001 suma-auth-dev aws_rds_cluster.db");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
