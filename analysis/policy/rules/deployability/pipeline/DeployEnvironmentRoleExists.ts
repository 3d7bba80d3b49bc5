import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { resourcesOfType, type ResourceValues, type TerraformJson } from "../../../terraform-json";

/** The AWS provider settings of a stack: its pinned accounts and its region. */
function awsProviderOf(stack: TerraformJson): { accounts: string[]; region?: string } {
  const aws = (stack as { provider?: { aws?: Array<{ allowed_account_ids?: unknown; region?: unknown }> } }).provider
    ?.aws?.[0];
  return {
    accounts: Array.isArray(aws?.allowed_account_ids)
      ? aws.allowed_account_ids.filter((a): a is string => typeof a === "string")
      : [],
    region: typeof aws?.region === "string" ? aws.region : undefined,
  };
}

/** A github_* argument as a literal: itself, or the literal argument of the same-stack resource it references. */
function literalOf(stack: TerraformJson, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ref = /^\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}$/.exec(value);
  if (!ref) return value.includes("${") ? undefined : value;
  const target = stack.resource?.[ref[1]!]?.[ref[2]!]?.[ref[3]!];
  return typeof target === "string" && !target.includes("${") ? target : undefined;
}

/** One GitHub environment's variables in a stack, and the address to report them at (its AWS_ROLE_ARN variable's). */
interface EnvironmentVariables {
  address: string;
  values: Record<string, string>;
}

/** The literal github_actions_environment_variable values of a stack, by environment name. */
function variablesByEnvironment(stack: TerraformJson): Map<string, EnvironmentVariables> {
  const byEnvironment = new Map<string, EnvironmentVariables>();
  for (const [name, v] of resourcesOfType(stack, "github_actions_environment_variable")) {
    const environment = literalOf(stack, v.environment);
    const value = typeof v.value === "string" ? v.value : undefined;
    if (environment === undefined || value === undefined || typeof v.variable_name !== "string") continue;
    const entry = byEnvironment.get(environment) ?? {
      address: `github_actions_environment_variable.${name}`,
      values: {},
    };
    entry.values[v.variable_name] = value;
    if (v.variable_name === "AWS_ROLE_ARN") entry.address = `github_actions_environment_variable.${name}`;
    byEnvironment.set(environment, entry);
  }
  return byEnvironment;
}

/** The first stack pinned to `account` that creates an IAM role named `roleName`, with that role. */
function roleOwner(
  stacks: Readonly<Record<string, TerraformJson>>,
  account: string,
  roleName: string,
): { otherName: string; other: TerraformJson; role: ResourceValues } | undefined {
  const homes = Object.entries(stacks).filter(([, other]) => awsProviderOf(other).accounts.includes(account));
  return homes.flatMap(([otherName, other]) =>
    resourcesOfType(other, "aws_iam_role")
      .filter(([, r]) => r.name === roleName)
      .map(([, r]) => ({ otherName, other, role: r })),
  )[0];
}

/** What is wrong with one environment's deploy variables: a missing role, a trust, a region or a service mismatch. */
function environmentProblems(
  stacks: Readonly<Record<string, TerraformJson>>,
  stackName: string,
  environment: string,
  { address, values }: EnvironmentVariables,
): AppProblem[] {
  const arn = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[^/]+\/)*([^/]+)$/.exec(values.AWS_ROLE_ARN ?? "");
  if (!arn) return [];
  const [, account, roleName] = arn;
  const owner = roleOwner(stacks, account!, roleName!);
  if (!owner) {
    return [
      {
        stack: stackName,
        address,
        message: `environment "${environment}" deploys with role ${roleName} in account ${account}, but no stack creates that role there, so every deploy job fails to assume it`,
      },
    ];
  }
  const problems: AppProblem[] = [];
  const trust = JSON.stringify(owner.role.assume_role_policy ?? "");
  if (!trust.includes(`:environment:${environment}`)) {
    problems.push({
      stack: stackName,
      address,
      message: `role ${roleName} (stack ${owner.otherName}) does not trust GitHub environment "${environment}" (no subject ending :environment:${environment}), so the token is refused`,
    });
  }
  const region = awsProviderOf(owner.other).region;
  if (values.AWS_REGION !== undefined && region !== undefined && values.AWS_REGION !== region) {
    problems.push({
      stack: stackName,
      address,
      message: `environment "${environment}" sets AWS_REGION ${values.AWS_REGION}, but its role's stack ${owner.otherName} deploys to ${region}`,
    });
  }
  if (
    values.ECS_SERVICE !== undefined &&
    !resourcesOfType(owner.other, "aws_ecs_service").some(([, svc]) => svc.name === values.ECS_SERVICE)
  ) {
    problems.push({
      stack: stackName,
      address,
      message: `environment "${environment}" deploys ECS service ${values.ECS_SERVICE}, but its role's stack ${owner.otherName} has no such service`,
    });
  }
  return problems;
}

export const DeployEnvironmentRoleExists: DeployabilityAppCheck = {
  id: "SUMA-DEP-154",
  title: "Each GitHub deploy environment's AWS role exists in its account and trusts that environment",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  constraint:
    "AssumeRoleWithWebIdentity succeeds only for a role whose trust policy admits the OIDC provider and the token's claims; GitHub's subject for a job with an environment is repo:<owner>/<repository>:environment:<name>, and a role that does not exist, or trusts another subject, refuses the token.",
  source: {
    title:
      "AWS IAM User Guide: Create a role for OpenID Connect federation, Configuring a role for GitHub OIDC identity provider",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub",
  },
  rationale:
    "The deploy workflow takes its role, region, cluster and service from the GitHub environment's variables. If AWS_ROLE_ARN names a role no stack creates in that account, or one that trusts another environment, the job fails at its first AWS call; if ECS_SERVICE is not a service of that role's stack, it deploys nothing. " +
    "Fix: derive the variables from the same names the environment stacks use (config deployTarget), and create the deploy role for every GitHub environment.",
  checkApp: ({ stacks }) =>
    Object.entries(stacks).flatMap(([stackName, stack]) =>
      [...variablesByEnvironment(stack)].flatMap(([environment, variables]) =>
        environmentProblems(stacks, stackName, environment, variables),
      ),
    ),
};
