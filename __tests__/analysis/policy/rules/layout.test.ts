/**
 * The shape of the rule tree (cdk-nag style): rules/<area>/<RuleName>.ts holds one rule, exported
 * under its file's name; rules/<area>/index.ts lists the area's rules; the packs list every rule
 * exactly once; no rule file imports cdktf.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { DEFAULT_PACK, DEPLOYABILITY_APP_CHECKS, DEPLOYABILITY_RULES } from "../../../../analysis/policy/packs";

const RULES_DIR = join(__dirname, "../../../../analysis/policy/rules");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface RuleLike {
  readonly id: string;
}
const isRule = (value: unknown): value is RuleLike =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { id?: unknown }).id === "string" &&
  ("check" in value || "checkApp" in value);

const files = filesUnder(RULES_DIR).filter((f) => f.endsWith(".ts"));
const ruleFiles = files.filter((f) => basename(f) !== "index.ts");
const indexFiles = files.filter((f) => basename(f) === "index.ts");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (file: string) => require(file) as Record<string, unknown>;

/** The security areas and the rule-id code each one holds. */
const SECURITY_AREAS: Readonly<Record<string, string>> = {
  alb: "ALB",
  backup: "BACKUP",
  cloudtrail: "TRAIL",
  cloudwatch: "CW",
  ecr: "ECR",
  ecs: "ECS",
  elasticache: "CACHE",
  github: "GH",
  iam: "IAM",
  kms: "KMS",
  network: "NET",
  rds: "RDS",
  s3: "S3",
  sns: "SNS",
  waf: "WAF",
};

describe("the rule tree", () => {
  it.each(ruleFiles.map((f) => [relative(RULES_DIR, f), f] as const))(
    "%s holds one rule, exported under the file's name",
    (_name, file) => {
      const rules = Object.entries(load(file)).filter(([, value]) => isRule(value));
      expect(rules.map(([name]) => name)).toEqual([basename(file, ".ts")]);
      expect(basename(file, ".ts")).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    },
  );

  it("holds every rule of the packs, each in one file, and no rule outside them", () => {
    const inFiles = ruleFiles.flatMap((file) =>
      Object.values(load(file))
        .filter(isRule)
        .map((rule) => rule.id),
    );
    const inPacks = [...DEFAULT_PACK, ...DEPLOYABILITY_RULES, ...DEPLOYABILITY_APP_CHECKS].map((rule) => rule.id);
    expect(new Set(inPacks).size).toBe(inPacks.length);
    expect([...inFiles].sort()).toEqual([...inPacks].sort());
  });

  it.each(indexFiles.map((f) => [relative(RULES_DIR, f), f] as const))(
    "%s exports the rules of its folder",
    (_name, file) => {
      const folder = join(file, "..");
      const own = readdirSync(folder)
        .filter((f) => f.endsWith(".ts") && f !== "index.ts")
        .map((f) => basename(f, ".ts"))
        .sort();
      const exported = Object.entries(load(file))
        .filter(([, value]) => isRule(value))
        .map(([name]) => name)
        .sort();
      expect(exported).toEqual(own);
    },
  );

  it.each(Object.entries(SECURITY_AREAS))("rules/%s holds the SUMA-%s-NNN rules", (area, code) => {
    const ids = Object.values(load(join(RULES_DIR, area, "index.ts")))
      .filter(isRule)
      .map((rule) => rule.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(new RegExp(`^SUMA-${code}-\\d{3}$`));
    expect(
      DEFAULT_PACK.filter((rule) => rule.id.startsWith(`SUMA-${code}-`))
        .map((rule) => rule.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it("keeps the deployability family under rules/deployability/, one folder per area", () => {
    const top = readdirSync(RULES_DIR).filter((entry) => statSync(join(RULES_DIR, entry)).isDirectory());
    expect(top.sort()).toEqual([...Object.keys(SECURITY_AREAS), "deployability"].sort());
    for (const file of ruleFiles) {
      const ids = Object.values(load(file))
        .filter(isRule)
        .map((rule) => rule.id);
      const underDeployability = relative(RULES_DIR, file).startsWith("deployability/");
      for (const id of ids)
        expect({ file: relative(RULES_DIR, file), deployability: id.startsWith("SUMA-DEP-") }).toEqual({
          file: relative(RULES_DIR, file),
          deployability: underDeployability,
        });
    }
  });

  it.each(files.map((f) => [relative(RULES_DIR, f), f] as const))(
    "%s is pure: no cdktf or provider import",
    (_name, file) => {
      expect(readFileSync(file, "utf8")).not.toMatch(/from\s+["'](cdktf|constructs|@cdktf\/[^"']+)["']/);
    },
  );
});
