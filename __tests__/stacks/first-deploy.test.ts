/**
 * docs/first-deploy.md follows the app it describes: its `cdktf deploy` commands apply every
 * stack once, in an order the stack dependencies allow, each with the credentials of the account
 * the stack is pinned to; and every resource, stack and file it names is in the synthesized output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allStackNames, databaseBootstrapTarget, environmentStackName } from "../../config";
import { synthApp } from "../support/synth";

const { config, stacks, dependencies } = synthApp();
const doc = readFileSync(join(__dirname, "..", "..", "docs", "first-deploy.md"), "utf8");
const PROFILES: Readonly<Record<string, string>> = {
  "suma-nonprod": config.accounts.nonprod!.id,
  "suma-prod": config.accounts.prod!.id,
};

interface DeployCommand {
  readonly line: string;
  readonly profile?: string;
  readonly stacks: readonly string[];
  readonly ignoresMissing: boolean;
}

const commands: DeployCommand[] = doc
  .split("\n")
  .filter((line) => /npx cdktf deploy /.test(line))
  .map((line) => {
    const words = line.trim().split(/\s+/);
    const at = words.indexOf("deploy");
    return {
      line,
      profile: /^AWS_PROFILE=(\S+)$/.exec(words[0] ?? "")?.[1],
      stacks: words.slice(at + 1).filter((w) => !w.startsWith("--")),
      ignoresMissing: words.includes("--ignore-missing-stack-dependencies"),
    };
  });

/** The account a stack's state or resources live in: its AWS provider's, else its S3 backend's bucket's. */
function accountOf(name: string): string | undefined {
  const stack = stacks[name]!;
  const pinned = stack.provider?.aws?.[0]?.allowed_account_ids;
  if (Array.isArray(pinned)) return String(pinned[0]);
  const bucket = String((stack.terraform?.backend?.s3 as { bucket?: string } | undefined)?.bucket ?? "");
  return /-(\d{12})-/.exec(bucket)?.[1];
}

describe("docs/first-deploy.md: the deploy order", () => {
  it("applies every stack of the app exactly once", () => {
    const deployed = commands.flatMap((c) => c.stacks);
    expect([...deployed].sort()).toEqual(allStackNames(config).sort());
  });

  it("applies each stack after all its dependencies (earlier commands, or the same one)", () => {
    commands.forEach((command, i) => {
      const before = new Set(commands.slice(0, i + 1).flatMap((c) => c.stacks));
      for (const stack of command.stacks) {
        for (const dependency of dependencies[stack] ?? [])
          expect({ stack, dependency, applied: before.has(dependency) }).toEqual({ stack, dependency, applied: true });
      }
    });
  });

  it("says --ignore-missing-stack-dependencies exactly when a dependency was applied by an earlier command", () => {
    for (const command of commands) {
      const outside = command.stacks.flatMap((s) => dependencies[s] ?? []).filter((d) => !command.stacks.includes(d));
      expect({ line: command.line, needsFlag: outside.length > 0 }).toEqual({
        line: command.line,
        needsFlag: command.ignoresMissing,
      });
    }
  });

  it("runs each command with the profile of the account its stacks are pinned to", () => {
    for (const command of commands) {
      expect(command.profile).toBeDefined();
      for (const stack of command.stacks)
        expect({ stack, account: accountOf(stack) }).toEqual({ stack, account: PROFILES[command.profile!] });
    }
  });
});

describe("docs/first-deploy.md: names", () => {
  const all = JSON.stringify(stacks);
  const stackNames = new Set(Object.keys(stacks));

  it("names only resources, stacks and secrets the app synthesizes", () => {
    const names = [...new Set(doc.match(/suma-auth[\w./-]*[\w]/g) ?? [])];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names)
      expect({ name, found: stackNames.has(name) || all.includes(name) }).toEqual({ name, found: true });
  });

  it("names the workflow file, its environment, the name-server output and the App's key variable as the stacks have them", () => {
    const github = stacks["suma-auth-github"]!;
    const files = Object.values(github.resource?.github_repository_file ?? {}).map((f) => f.file);
    expect(files).toContain(".github/workflows/image-bootstrap.yml");
    expect(JSON.stringify(github.resource?.github_repository_environment)).toContain('"environment":"image-bootstrap"');
    expect(Object.keys(stacks["suma-auth-shared-prod-us-east-1"]!.output ?? {})).toContain("dns_zone_name_servers");
    expect(JSON.stringify(github)).toContain("github_app_private_key");
    const automation = JSON.stringify(config.github);
    for (const id of ["1043712", "58213904"]) {
      expect(doc).toContain(id);
      expect(automation).toContain(id);
    }
  });

  it("names the database bootstrap of every environment with its own database, as its stack has it, and none for a DR copy", () => {
    const section = doc.slice(
      doc.indexOf("### Bootstrap the databases"),
      doc.indexOf("### Confirm the alarm subscriptions"),
    );
    expect(section.length).toBeGreaterThan(0);
    for (const envName of Object.keys(config.environments)) {
      const target = databaseBootstrapTarget(config, envName);
      const stack = JSON.stringify(
        stacks[environmentStackName(config, envName)]!.resource?.aws_ecs_task_definition ?? {},
      );
      if (!target) {
        expect(section).not.toContain(`${environmentStackName(config, envName)}-db-bootstrap`);
        expect(stack).not.toContain("-db-bootstrap");
        continue;
      }
      expect(section).toContain(target.taskFamily);
      expect(stack).toContain(`"family":"${target.taskFamily}"`);
    }
    const prod = databaseBootstrapTarget(config, "prod")!;
    expect(section).toContain(prod.networkParameterName);
    expect(section).toContain(`/ecs/${prod.taskFamily}`);
    expect(JSON.stringify(stacks["suma-auth-prod"]!.resource?.aws_cloudwatch_log_group)).toContain(
      `"name":"/ecs/${prod.taskFamily}"`,
    );
  });

  it("states the Terraform version the stacks require", () => {
    expect(JSON.stringify(stacks["suma-auth-prod"]!.terraform)).toContain(">= 1.11");
    expect(doc).toContain("Terraform 1.11 or later");
  });
});
