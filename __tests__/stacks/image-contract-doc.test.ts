/**
 * docs/image-contract.md follows the app: the contract it states is the config's, the health check
 * it shows is the one the task definitions run, every name it uses is synthesized, its SES claim
 * matches the service security groups' egress, and the README and the first-deploy runbook link it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { imageContract } from "../../config";
import { healthCheckCommand } from "../../modules/ecs-service/image-contract";
import { blocks, byPath, synthApp } from "../support/synth";

const { config, stacks } = synthApp();
const read = (...path: string[]) => readFileSync(join(__dirname, "..", "..", ...path), "utf8");
const doc = read("docs", "image-contract.md");
const contract = imageContract(config);
const serviceStacks = Object.keys(config.environments).map((env) => `${config.app.name}-${env}`);

describe("docs/image-contract.md", () => {
  it("states the config's contract: user, scratch paths, health-check binary and port", () => {
    expect(doc).toContain(`| User | \`${contract.user}\``);
    for (const path of contract.scratchPaths) expect(doc).toContain(`VOLUME ["${path}"]`);
    expect(doc).toContain(`| Health-check binary | \`${contract.healthCheckBinary}\``);
    expect(doc).toContain(`| Port | \`${contract.port}\``);
    expect(doc).toContain(`USER ${contract.user}`);
    expect(doc).toContain(`EXPOSE ${contract.port}`);
    expect(doc).toContain("chmod 1777 /tmp");
    // chmod must come before VOLUME: Docker discards later changes to a declared volume.
    expect(doc.indexOf("chmod 1777 /tmp\n")).toBeLessThan(doc.indexOf('VOLUME ["/tmp"]\n'));
  });

  it("shows the health check every service task definition runs", () => {
    const shown = healthCheckCommand(contract, config.environments.prod!.service.healthCheckPath).slice(1).join(" ");
    expect(doc).toContain(`\n${shown}\n`);
    for (const name of serviceStacks) {
      const task = byPath(stacks[name]!, "aws_ecs_task_definition", "service-tier/service/task");
      const [container] = JSON.parse(String(task!.values.container_definitions)) as Array<{
        healthCheck: { command: string[] };
      }>;
      expect(container!.healthCheck.command.slice(1).join(" ")).toBe(shown);
    }
  });

  it("names only stacks, resources and files the app synthesizes", () => {
    const all = JSON.stringify(stacks);
    const names = [...new Set(doc.match(/suma-auth[\w./-]*\w/g) ?? [])];
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names)
      expect({ name, found: name in stacks || all.includes(name) }).toEqual({ name, found: true });
    const files = blocks(stacks[`${config.app.name}-github`]!, "github_repository_file").map((f) =>
      String(f.values.file),
    );
    for (const file of doc.match(/\.github\/workflows\/[\w.-]+\.yml/g) ?? []) expect(files).toContain(file);
    expect(doc).toContain("Check the image against the image contract");
  });

  it("says mail leaves over HTTPS only, which the service security groups enforce (egress on 443 alone)", () => {
    expect(doc).toMatch(/allows outbound TCP 443 only, so ports 25, 465 and 587 never leave/);
    for (const name of serviceStacks) {
      const stack = stacks[name]!;
      const sg = blocks(stack, "aws_security_group").find((g) => g.values.name === `${name}-service`)!;
      const egress = blocks(stack, "aws_vpc_security_group_egress_rule").filter(
        (r) => r.values.security_group_id === `\${aws_security_group.${sg.name}.id}`,
      );
      expect(egress.length).toBeGreaterThan(0);
      for (const rule of egress)
        expect({ rule: rule.name, from: rule.values.from_port, to: rule.values.to_port }).toEqual({
          rule: rule.name,
          from: 443,
          to: 443,
        });
    }
  });

  it("is linked from the README and the first-deploy runbook", () => {
    expect(read("README.md")).toContain("(docs/image-contract.md)");
    expect(read("docs", "first-deploy.md")).toContain("(image-contract.md)");
  });
});
