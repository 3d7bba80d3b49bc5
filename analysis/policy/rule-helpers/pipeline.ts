/** Readers the pipeline deployability rules share (rules/deployability/pipeline/). */
import type { RuleSubject } from "../rule";
import { nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";
import { workflowOf } from "./github";
import { asRecord, stringsOf } from "./values";

/** The refs a job runs for: branch names and tag samples (a tag prefix plus a version). */
export interface JobRefs {
  readonly branches: readonly string[];
  readonly tags: readonly string[];
}

/** One job of a GitHub Actions workflow, as the pipeline rules read it. */
export interface WorkflowJob {
  readonly id: string;
  readonly environment?: string;
  readonly needs: readonly string[];
  /** Undefined when the job's `if:` is not one this reader understands. */
  readonly refs?: JobRefs;
  /** The `if:` uses a status function (always(), failure(), ...), so skipped needs don't skip it. */
  readonly runsAfterSkippedNeeds: boolean;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A tag a prefix or tag pattern stands for: `v` → `v1.0.0`, `v*` → `v1.0.0`. */
export const sampleReleaseTag = (prefixOrPattern: string) => `${prefixOrPattern.replace(/\*.*$/, "")}1.0.0`;

/** The refs a job runs for: its `if:` (branch equality, tag prefix) within the workflow's push triggers; undefined for an `if:` this reader does not understand. */
export function jobRefs(condition: unknown, push: Readonly<Record<string, unknown>>): JobRefs | undefined {
  const triggerBranches = stringsOf(push.branches).filter((b) => !/[*?[]/.test(b));
  const triggerTags = stringsOf(push.tags).map(sampleReleaseTag);
  if (condition === undefined) return { branches: triggerBranches, tags: triggerTags };
  if (typeof condition !== "string") return undefined;
  const branches: string[] = [];
  const tags: string[] = [];
  for (const term of condition
    .replace(/^\$\{\{\s*|\s*\}\}$/g, "")
    .split("||")
    .map((t) => t.trim())) {
    const branch = /^github\.ref\s*==\s*'refs\/heads\/([^']+)'$/.exec(term);
    const tag = /^startsWith\(\s*github\.ref\s*,\s*'refs\/tags\/([^']*)'\s*\)$/.exec(term);
    if (branch) branches.push(branch[1]!);
    else if (tag) tags.push(sampleReleaseTag(tag[1]!));
    else return undefined;
  }
  // The job runs only for refs that also trigger the workflow.
  return { branches: branches.filter((b) => triggerBranches.includes(b)), tags: triggerTags.length > 0 ? tags : [] };
}

/** The jobs of a workflow with their environment, needs and refs. */
export function workflowJobs(workflow: Readonly<Record<string, unknown>>): WorkflowJob[] {
  const push = asRecord(asRecord(workflow.on).push);
  return Object.entries(asRecord(workflow.jobs)).map(([id, value]) => {
    const job = asRecord(value);
    const environment = typeof job.environment === "string" ? job.environment : asRecord(job.environment).name;
    return {
      id,
      environment: typeof environment === "string" ? environment : undefined,
      needs: stringsOf(job.needs),
      refs: jobRefs(job.if, push),
      runsAfterSkippedNeeds: typeof job.if === "string" && /\b(always|failure|cancelled)\(\)/.test(job.if),
      raw: job,
    };
  });
}

/** The stack's github_repository_environment of that name and repository. */
export function environmentResource(
  stack: TerraformJson,
  repository: unknown,
  name: string,
): [string, ResourceValues] | undefined {
  return resourcesOfType(stack, "github_repository_environment").find(
    ([, v]) => v.environment === name && v.repository === repository,
  );
}

/** The branch and tag patterns of an environment's custom deployment policies. */
export function deploymentPatterns(
  stack: TerraformJson,
  resourceName: string,
  environment: ResourceValues,
): { branches: string[]; tags: string[] } {
  const ref = `\${github_repository_environment.${resourceName}.environment}`;
  const policies = resourcesOfType(stack, "github_repository_environment_deployment_policy")
    .map(([, v]) => v)
    .filter(
      (v) =>
        (v.environment === ref || v.environment === environment.environment) && v.repository === environment.repository,
    );
  return {
    branches: policies.flatMap((p) => (typeof p.branch_pattern === "string" ? [p.branch_pattern] : [])),
    tags: policies.flatMap((p) => (typeof p.tag_pattern === "string" ? [p.tag_pattern] : [])),
  };
}

/** Each deploy job with its environment's resource and policy, for rules about what the environment admits. */
export function* jobsWithEnvironments({ values, stack }: RuleSubject) {
  const workflow = workflowOf(values);
  if (!workflow) return;
  for (const job of workflowJobs(workflow)) {
    if (job.environment === undefined || job.refs === undefined) continue;
    const found = environmentResource(stack, values.repository, job.environment);
    // An environment this stack does not manage is none of these rules' business.
    if (!found) continue;
    const [resourceName, environment] = found;
    const policy = nestedBlock(environment.deployment_branch_policy);
    yield {
      job,
      refs: job.refs,
      name: job.environment,
      policy,
      patterns: deploymentPatterns(stack, resourceName, environment),
    };
  }
}
