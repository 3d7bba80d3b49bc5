import type { DeployabilityRule } from "../../../rule";
import { asRecord, blocksOf, stringsOf, workflowOf } from "../../../rule-helpers";

/** SUMA-DEP-210 */
export const RunTaskNetworkConfiguration: DeployabilityRule = {
  id: "SUMA-DEP-210",
  title:
    "A Fargate task uses awsvpc networking, and every generated `aws ecs run-task` passes its network configuration",
  severity: "error",
  controls: { pci: ["6.5.1", "8.2.2"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition", "github_repository_file"],
  constraint:
    "Fargate supports only the awsvpc network mode, and RunTask requires networkConfiguration (1-16 subnets, up to 5 security groups) for a task " +
    "definition that uses awsvpc; without it the call fails with InvalidParameterException.",
  source: {
    title: "Amazon ECS API Reference: RunTask, Request Parameters (networkConfiguration)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html",
  },
  rationale:
    "The pipeline runs the database bootstrap with RunTask before each deploy; a call without --network-configuration, or a Fargate task definition " +
    "in another network mode, fails every deploy at that step. Fix: keep network_mode awsvpc and pass --network-configuration (the bootstrap's " +
    "SSM parameter holds its awsvpcConfiguration) with --launch-type FARGATE.",
  check: ({ type, values }) => {
    if (type === "aws_ecs_task_definition") {
      const fargate = stringsOf(values.requires_compatibilities).includes("FARGATE");
      return fargate && values.network_mode !== "awsvpc"
        ? [
            `requires_compatibilities has FARGATE but network_mode is ${JSON.stringify(values.network_mode ?? null)}; Fargate accepts awsvpc only`,
          ]
        : [];
    }
    const workflow = workflowOf(values);
    if (!workflow) return [];
    return Object.entries(asRecord(workflow.jobs)).flatMap(([jobId, job]) =>
      blocksOf(asRecord(job).steps).flatMap((step, i) => {
        const run = typeof step.run === "string" ? step.run.replace(/\\\n\s*/g, " ") : "";
        return run
          .split("\n")
          .filter((line) => /\baws ecs run-task\b/.test(line))
          .flatMap((line) => {
            const problems: string[] = [];
            if (!/--network-configuration\s+\S/.test(line)) problems.push("passes no --network-configuration");
            if (!/--launch-type\s+FARGATE\b|--capacity-provider-strategy\s/.test(line))
              problems.push("names neither --launch-type FARGATE nor a capacity provider strategy");
            return problems.map(
              (p) => `${String(values.file)}: job ${jobId}, step ${String(step.name ?? i)}: aws ecs run-task ${p}`,
            );
          });
      }),
    );
  },
};
