import type { DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import { ROLE_ARN_ACCOUNT, stackPlacement, workflowOf } from "../../../rule-helpers";
import { nestedBlock, resourcesOfType, type TerraformJson } from "../../../terraform-json";

const ENVIRONMENT_REF = /^\$\{github_repository_environment\.([^.}]+)\.environment\}$/;

interface DeployEnvironment {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
}

/** GitHub environments with their literal variables, from every stack's GitHub resources. */
function environments(stack: TerraformJson): DeployEnvironment[] {
  const byResource = new Map<string, { name: string; variables: Record<string, string> }>();
  for (const [name, values] of resourcesOfType(stack, "github_repository_environment")) {
    if (typeof values.environment === "string") byResource.set(name, { name: values.environment, variables: {} });
  }
  for (const [, values] of resourcesOfType(stack, "github_actions_environment_variable")) {
    const ref = typeof values.environment === "string" ? ENVIRONMENT_REF.exec(values.environment)?.[1] : undefined;
    const env = ref ? byResource.get(ref) : [...byResource.values()].find((e) => e.name === values.environment);
    if (env && typeof values.variable_name === "string" && typeof values.value === "string")
      env.variables[values.variable_name] = values.value;
  }
  return [...byResource.values()];
}

/** Names of the GitHub environments that some workflow job runs in. */
function environmentsWithJobs(stack: TerraformJson): Set<string> {
  const used = new Set<string>();
  for (const [, file] of resourcesOfType(stack, "github_repository_file")) {
    const workflow = workflowOf(file) as { jobs?: Record<string, { environment?: unknown }> } | undefined;
    for (const job of Object.values(workflow?.jobs ?? {})) {
      const env = job.environment;
      const name = typeof env === "string" ? env : (env as { name?: unknown } | undefined)?.name;
      if (typeof name === "string") used.add(name);
    }
  }
  return used;
}

function ownedByPipeline(values: Readonly<Record<string, unknown>>): boolean {
  const ignored = nestedBlock(values.lifecycle)?.ignore_changes;
  return Array.isArray(ignored) && ignored.includes("task_definition");
}

/** SUMA-DEP-606: a pipeline-owned service has a deploy job. */
export const PipelineReachesEveryService: DeployabilityAppCheck = {
  id: "SUMA-DEP-606",
  title: "Every ECS service whose task definition the pipeline owns is deployed by a workflow job",
  severity: "error",
  controls: { pci: ["6.5.1", "6.3.3"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_service"],
  constraint:
    "ECS changes the task definition a service runs only when UpdateService names a new one; with Terraform ignoring it, a service that no pipeline job updates keeps its first image and misses every security fix.",
  source: {
    title: "Amazon ECS API Reference: UpdateService (taskDefinition)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html",
  },
  rationale:
    "The environment stacks hand a service's running revision to the deploy workflow (lifecycle ignore_changes on task_definition). A GitHub environment must name the service " +
    "(ECS_SERVICE), its region (AWS_REGION) and a role in its account (AWS_ROLE_ARN), and a workflow job must run in that environment. " +
    "Fix: list the environment under github.environments, so the GitHub stack creates the environment, its variables and its deploy job. " +
    "An app whose stacks commit no workflow with an environment-bound job deploys from a pipeline outside it, and the check stays silent.",
  checkApp: (app: SynthesizedApp) => {
    // An app that commits no workflow with an environment-bound job deploys from elsewhere (a
    // team consuming the constructs with its own pipeline): there is nothing here to check against.
    if (!Object.values(app.stacks).some((stack) => environmentsWithJobs(stack).size > 0)) return [];
    const envs = Object.values(app.stacks).flatMap((stack) => {
      const used = environmentsWithJobs(stack);
      return environments(stack).filter((e) => used.has(e.name));
    });
    return Object.entries(app.stacks).flatMap(([stackName, stack]) => {
      const { accountId, region } = stackPlacement(stack);
      return resourcesOfType(stack, "aws_ecs_service").flatMap(([name, values]) => {
        if (!ownedByPipeline(values) || typeof values.name !== "string") return [];
        const reached = envs.some(
          (e) =>
            e.variables.ECS_SERVICE === values.name &&
            e.variables.AWS_REGION === region &&
            ROLE_ARN_ACCOUNT.exec(e.variables.AWS_ROLE_ARN ?? "")?.[1] === accountId,
        );
        if (reached) return [];
        return [
          {
            stack: stackName,
            address: `aws_ecs_service.${name}`,
            message: `service "${values.name}" (account ${accountId}, ${region}) leaves its task definition to the pipeline, but no workflow job deploys it: no GitHub environment with a job names it in ECS_SERVICE with that region and account`,
          },
        ];
      });
    });
  },
};
