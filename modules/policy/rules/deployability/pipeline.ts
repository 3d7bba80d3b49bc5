/**
 * Deployability rules: the deploy pipeline. They read the workflow files a stack commits
 * (github_repository_file under .github/workflows/) next to the stack's GitHub environments and
 * their deployment branch and tag policies, and find jobs GitHub will refuse or never run.
 *
 * A job's refs are read from the workflow's push triggers and from the job's `if:` when it is
 * made of `github.ref == 'refs/heads/<branch>'` and `startsWith(github.ref, 'refs/tags/<prefix>')`
 * terms joined by `||`; a job whose `if:` says anything else is not judged.
 */
import { refPatternMatches } from "../../../github/environment-rules";
import type { RuleSubject } from "../../rule";
import { isTrue, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule } from "./rule";
import { asRecord, stringsOf, workflowOf } from "../../rule-helpers";

const CONTROLS = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

/** The refs a job runs for: branch names and tag samples (a tag prefix plus a version). */
interface JobRefs {
  readonly branches: readonly string[];
  readonly tags: readonly string[];
}

interface WorkflowJob {
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
const sampleTag = (prefixOrPattern: string) => `${prefixOrPattern.replace(/\*.*$/, "")}1.0.0`;

function jobRefs(condition: unknown, push: Readonly<Record<string, unknown>>): JobRefs | undefined {
  const triggerBranches = stringsOf(push.branches).filter((b) => !/[*?[]/.test(b));
  const triggerTags = stringsOf(push.tags).map(sampleTag);
  if (condition === undefined) return { branches: triggerBranches, tags: triggerTags };
  if (typeof condition !== "string") return undefined;
  const branches: string[] = [];
  const tags: string[] = [];
  for (const term of condition.replace(/^\$\{\{\s*|\s*\}\}$/g, "").split("||").map((t) => t.trim())) {
    const branch = /^github\.ref\s*==\s*'refs\/heads\/([^']+)'$/.exec(term);
    const tag = /^startsWith\(\s*github\.ref\s*,\s*'refs\/tags\/([^']*)'\s*\)$/.exec(term);
    if (branch) branches.push(branch[1]!);
    else if (tag) tags.push(sampleTag(tag[1]!));
    else return undefined;
  }
  // The job runs only for refs that also trigger the workflow.
  return { branches: branches.filter((b) => triggerBranches.includes(b)), tags: triggerTags.length > 0 ? tags : [] };
}

function jobsOf(workflow: Readonly<Record<string, unknown>>): WorkflowJob[] {
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
function environmentResource(stack: TerraformJson, repository: unknown, name: string): [string, ResourceValues] | undefined {
  return resourcesOfType(stack, "github_repository_environment").find(([, v]) => v.environment === name && v.repository === repository);
}

/** The branch and tag patterns of an environment's custom deployment policies. */
function deploymentPatterns(stack: TerraformJson, resourceName: string, environment: ResourceValues): { branches: string[]; tags: string[] } {
  const ref = `\${github_repository_environment.${resourceName}.environment}`;
  const policies = resourcesOfType(stack, "github_repository_environment_deployment_policy")
    .map(([, v]) => v)
    .filter((v) => (v.environment === ref || v.environment === environment.environment) && v.repository === environment.repository);
  return {
    branches: policies.flatMap((p) => (typeof p.branch_pattern === "string" ? [p.branch_pattern] : [])),
    tags: policies.flatMap((p) => (typeof p.tag_pattern === "string" ? [p.tag_pattern] : [])),
  };
}

/** Each deploy job with its environment's resource and policy, for rules about what the environment admits. */
function* jobsWithEnvironments({ values, stack }: RuleSubject) {
  const workflow = workflowOf(values);
  if (!workflow) return;
  for (const job of jobsOf(workflow)) {
    if (job.environment === undefined || job.refs === undefined) continue;
    const found = environmentResource(stack, values.repository, job.environment);
    // An environment this stack does not manage is none of these rules' business.
    if (!found) continue;
    const [resourceName, environment] = found;
    const policy = nestedBlock(environment.deployment_branch_policy);
    yield { job, refs: job.refs, name: job.environment, policy, patterns: deploymentPatterns(stack, resourceName, environment) };
  }
}

const ENVIRONMENTS_SOURCE = {
  title: "GitHub Docs: Managing environments for deployment, Deployment protection rules: Deployment branches and tags",
  url: "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#deployment-branches-and-tags",
};

export const releaseTagJobEnvironmentAdmitsTags: DeployabilityRule = {
  id: "SUMA-DEP-150",
  title: "A deploy job that runs for tags uses an environment that admits those tags",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["github_repository_file"],
  constraint:
    "An environment's deployment branch policy decides which refs may deploy to it. 'Protected branches only' admits branches that have protection rules and nothing else: a tag is not a branch, so every run triggered by a tag is refused. 'Selected branches and tags' admits only refs that match one of its branch or tag name patterns (Ruby File.fnmatch, wildcards not matching '/').",
  source: ENVIRONMENTS_SOURCE,
  rationale:
    "A release is a v* tag; if the environment of a job that runs for it admits no tag, GitHub refuses the job before it starts and every job that needs it is skipped, so releases never reach production. " +
    "Fix: give the environment custom_branch_policies with a github_repository_environment_deployment_policy whose tag_pattern admits the release tags (v*), instead of protected_branches.",
  check: (subject) => {
    const problems: string[] = [];
    for (const { job, refs, name, policy, patterns } of jobsWithEnvironments(subject)) {
      for (const tag of refs.tags) {
        if (policy && isTrue(policy.protected_branches)) {
          problems.push(`job ${job.id} runs for tag ${tag}, but environment "${name}" admits only protected branches, and a tag is not a branch: GitHub refuses the deployment; use custom policies with tag_pattern "v*"`);
        } else if (policy && isTrue(policy.custom_branch_policies) && !patterns.tags.some((p) => refPatternMatches(p, tag))) {
          problems.push(`job ${job.id} runs for tag ${tag}, but no tag_pattern of environment "${name}" admits it (${patterns.tags.length > 0 ? patterns.tags.join(", ") : "none"}): GitHub refuses the deployment`);
        }
      }
    }
    return problems;
  },
};

export const branchJobEnvironmentAdmitsBranch: DeployabilityRule = {
  id: "SUMA-DEP-151",
  title: "A deploy job that runs for a branch uses an environment that admits the branch",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["github_repository_file"],
  constraint: "With 'Selected branches and tags', only branches whose name matches one of the environment's branch name patterns may deploy to it; runs from any other branch are refused.",
  source: ENVIRONMENTS_SOURCE,
  rationale:
    "A job that deploys pushes to main into an environment whose custom policy has no branch pattern matching main is refused on every push, and the jobs that need it are skipped. " +
    "Fix: add a github_repository_environment_deployment_policy with branch_pattern for the branch, or stop deploying that branch to the environment.",
  check: (subject) => {
    const problems: string[] = [];
    for (const { job, refs, name, policy, patterns } of jobsWithEnvironments(subject)) {
      if (!policy || !isTrue(policy.custom_branch_policies)) continue;
      for (const branch of refs.branches.filter((b) => !patterns.branches.some((p) => refPatternMatches(p, b)))) {
        problems.push(`job ${job.id} runs for pushes to ${branch}, but no branch_pattern of environment "${name}" admits it (${patterns.branches.length > 0 ? patterns.branches.join(", ") : "none"}): GitHub refuses the deployment`);
      }
    }
    return problems;
  },
};

export const neededJobRunsForTheSameRefs: DeployabilityRule = {
  id: "SUMA-DEP-152",
  title: "A job never needs a job that is skipped for the refs it runs for",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["github_repository_file"],
  constraint:
    "jobs.<job_id>.needs: if a job that another job needs fails or is skipped, the dependent job is skipped too, unless its if: uses a status check function such as always().",
  source: {
    title: "GitHub Docs: Workflow syntax for GitHub Actions, jobs.<job_id>.needs",
    url: "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds",
  },
  rationale:
    "A job that should deploy pushes to main but needs a job that runs only for release tags is always skipped on main: the pipeline looks green and deploys nothing. " +
    "Fix: run the needed job for the same refs, or make the dependent job run only for the refs its needed jobs run for.",
  check: ({ values }) => {
    const workflow = workflowOf(values);
    if (!workflow) return [];
    const jobs = jobsOf(workflow);
    const problems: string[] = [];
    for (const job of jobs) {
      if (job.refs === undefined || job.runsAfterSkippedNeeds) continue;
      for (const needed of job.needs) {
        const other = jobs.find((j) => j.id === needed);
        if (other?.refs === undefined) continue;
        for (const branch of job.refs.branches.filter((b) => !other.refs!.branches.includes(b))) {
          problems.push(`job ${job.id} runs for pushes to ${branch}, but it needs ${needed}, which does not, so GitHub always skips ${job.id} there`);
        }
        if (job.refs.tags.length > 0 && other.refs.tags.length === 0) {
          problems.push(`job ${job.id} runs for tags, but it needs ${needed}, which does not, so GitHub always skips ${job.id} for tags`);
        }
      }
    }
    return problems;
  },
};

export const needsOutputsComeFromDirectNeeds: DeployabilityRule = {
  id: "SUMA-DEP-153",
  title: "A job reads needs.<job>.outputs only of jobs it needs directly, and only outputs they declare",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["github_repository_file"],
  constraint:
    "The needs context holds only the jobs defined as direct dependencies of the current job, and needs.<job_id>.outputs only the outputs that job declares; any other reference evaluates to an empty string.",
  source: { title: "GitHub Docs: Contexts reference, needs context", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#needs-context" },
  rationale:
    "A DR job that takes the image digest from needs.deploy-prod.outputs.image-digest without needing deploy-prod directly, or when deploy-prod declares no such output, gets an empty string and cannot find the image. " +
    "Fix: list the job in needs and declare the output in its outputs.",
  check: ({ values }) => {
    const workflow = workflowOf(values);
    if (!workflow) return [];
    const jobs = jobsOf(workflow);
    const problems: string[] = [];
    for (const job of jobs) {
      const text = JSON.stringify(job.raw);
      for (const [, needed, output] of text.matchAll(/needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        if (!job.needs.includes(needed!)) {
          problems.push(`job ${job.id} reads needs.${needed}.outputs.${output}, but does not need ${needed} directly, so the value is empty`);
          continue;
        }
        const declared = asRecord(jobs.find((j) => j.id === needed)?.raw.outputs);
        if (!(output! in declared)) problems.push(`job ${job.id} reads needs.${needed}.outputs.${output}, but ${needed} declares no output ${output}, so the value is empty`);
      }
    }
    return problems;
  },
};

export const PIPELINE_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  releaseTagJobEnvironmentAdmitsTags,
  branchJobEnvironmentAdmitsBranch,
  neededJobRunsForTheSameRefs,
  needsOutputsComeFromDirectNeeds,
];

/** The AWS provider settings of a stack: its pinned accounts and its region. */
function awsProviderOf(stack: TerraformJson): { accounts: string[]; region?: string } {
  const aws = (stack as { provider?: { aws?: Array<{ allowed_account_ids?: unknown; region?: unknown }> } }).provider?.aws?.[0];
  return { accounts: Array.isArray(aws?.allowed_account_ids) ? aws.allowed_account_ids.filter((a): a is string => typeof a === "string") : [], region: typeof aws?.region === "string" ? aws.region : undefined };
}

/** A github_* argument as a literal: itself, or the literal argument of the same-stack resource it references. */
function literalOf(stack: TerraformJson, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ref = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}$/.exec(value);
  if (!ref) return value.includes("${") ? undefined : value;
  const target = stack.resource?.[ref[1]!]?.[ref[2]!]?.[ref[3]!];
  return typeof target === "string" && !target.includes("${") ? target : undefined;
}

export const deployEnvironmentRoleExists: DeployabilityAppCheck = {
  id: "SUMA-DEP-154",
  title: "Each GitHub deploy environment's AWS role exists in its account and trusts that environment",
  severity: "error",
  controls: CONTROLS,
  constraint:
    "AssumeRoleWithWebIdentity succeeds only for a role whose trust policy admits the OIDC provider and the token's claims; GitHub's subject for a job with an environment is repo:<owner>/<repository>:environment:<name>, and a role that does not exist, or trusts another subject, refuses the token.",
  source: {
    title: "AWS IAM User Guide: Create a role for OpenID Connect federation, Configuring a role for GitHub OIDC identity provider",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub",
  },
  rationale:
    "The deploy workflow takes its role, region, cluster and service from the GitHub environment's variables. If AWS_ROLE_ARN names a role no stack creates in that account, or one that trusts another environment, the job fails at its first AWS call; if ECS_SERVICE is not a service of that role's stack, it deploys nothing. " +
    "Fix: derive the variables from the same names the environment stacks use (config deployTarget), and create the deploy role for every GitHub environment.",
  checkApp: ({ stacks }) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(stacks)) {
      const variables = resourcesOfType(stack, "github_actions_environment_variable");
      const byEnvironment = new Map<string, { address: string; values: Record<string, string> }>();
      for (const [name, v] of variables) {
        const environment = literalOf(stack, v.environment);
        const value = typeof v.value === "string" ? v.value : undefined;
        if (environment === undefined || value === undefined || typeof v.variable_name !== "string") continue;
        const entry = byEnvironment.get(environment) ?? { address: `github_actions_environment_variable.${name}`, values: {} };
        entry.values[v.variable_name] = value;
        if (v.variable_name === "AWS_ROLE_ARN") entry.address = `github_actions_environment_variable.${name}`;
        byEnvironment.set(environment, entry);
      }
      for (const [environment, { address, values }] of byEnvironment) {
        const arn = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/.exec(values.AWS_ROLE_ARN ?? "");
        if (!arn) continue;
        const [, account, roleName] = arn;
        const homes = Object.entries(stacks).filter(([, other]) => awsProviderOf(other).accounts.includes(account!));
        const owner = homes.flatMap(([otherName, other]) => resourcesOfType(other, "aws_iam_role").filter(([, r]) => r.name === roleName).map(([, r]) => ({ otherName, other, role: r })))[0];
        if (!owner) {
          problems.push({ stack: stackName, address, message: `environment "${environment}" deploys with role ${roleName} in account ${account}, but no stack creates that role there, so every deploy job fails to assume it` });
          continue;
        }
        const trust = JSON.stringify(owner.role.assume_role_policy ?? "");
        if (!trust.includes(`:environment:${environment}`)) {
          problems.push({ stack: stackName, address, message: `role ${roleName} (stack ${owner.otherName}) does not trust GitHub environment "${environment}" (no subject ending :environment:${environment}), so the token is refused` });
        }
        const region = awsProviderOf(owner.other).region;
        if (values.AWS_REGION !== undefined && region !== undefined && values.AWS_REGION !== region) {
          problems.push({ stack: stackName, address, message: `environment "${environment}" sets AWS_REGION ${values.AWS_REGION}, but its role's stack ${owner.otherName} deploys to ${region}` });
        }
        if (values.ECS_SERVICE !== undefined && !resourcesOfType(owner.other, "aws_ecs_service").some(([, svc]) => svc.name === values.ECS_SERVICE)) {
          problems.push({ stack: stackName, address, message: `environment "${environment}" deploys ECS service ${values.ECS_SERVICE}, but its role's stack ${owner.otherName} has no such service` });
        }
      }
    }
    return problems;
  },
};

export const PIPELINE_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [deployEnvironmentRoleExists];
