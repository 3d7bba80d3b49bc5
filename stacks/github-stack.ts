import { type ITerraformDependable, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AppConfig, GithubConfig } from "../config";
import {
  deployTarget,
  deploymentRefPolicy,
  deployWaitMinutes,
  imageContract,
  imagePublishTargets,
  pipelineStages,
} from "../config";
import {
  CI_REQUIRED_CHECKS,
  ciWorkflow,
  CodeOwnersFile,
  DefaultBranchRuleset,
  DeploymentEnvironment,
  deployWorkflow,
  type DeployWorkflowProps,
  GitHubAppProvider,
  GitHubOrganization,
  GovernedRepository,
  IMAGE_BOOTSTRAP_ENVIRONMENT,
  IMAGE_BOOTSTRAP_WORKFLOW_FILE,
  imageBootstrapWorkflow,
  type ImageBootstrapTarget,
  TeamAccess,
  WorkflowFile,
} from "../modules/github";
import { configureBackend } from "./backend";

export interface GithubStackProps {
  /** The config; its `github` section is required. */
  readonly config: AppConfig;
}

/**
 * The service's GitHub repository as code: settings, the default-branch ruleset, CODEOWNERS,
 * team access, deployment environments with their protection rules and variables, and the
 * CI and deploy workflows.
 *
 * Terraform authenticates as the automation's GitHub App (ids from config, the private key from
 * TF_VAR_github_app_private_key, never in config or state). The repository is adopted through
 * an import when it already exists, or created with an initial commit, so the default branch
 * exists for the files. The default-branch ruleset lets that App alone bypass it, and the files
 * are committed after the ruleset: the first apply and every later one are accepted.
 */
export class GithubStack extends TerraformStack {
  readonly repository: GovernedRepository;
  readonly environments: readonly DeploymentEnvironment[];

  constructor(scope: Construct, id: string, props: GithubStackProps) {
    super(scope, id);
    const { config } = props;
    const github = config.github;
    if (!github) throw new Error(`${id}: the config has no github section`);
    const stateAccount = config.accounts[github.stateAccount];
    if (!stateAccount) throw new Error(`${id}: github.stateAccount "${github.stateAccount}" is not an account`);
    const auth = new GitHubAppProvider(this, "github", {
      owner: github.owner,
      appId: github.automation.appId,
      installationId: github.automation.installationId,
    });
    const organization = new GitHubOrganization(this, "organization", {
      plan: github.organization.plan,
      secretProtection: github.organization.secretProtection,
    });
    // Without Enterprise, a private repository has no protection rules to bypass and GitHub
    // offers no admin-bypass setting: send its default (true) rather than a setting it lacks.
    const adminsCanBypass = (wanted: boolean) =>
      organization.environmentProtection(github.visibility) ? wanted : true;
    configureBackend(this, config, { accountId: stateAccount.id, region: stateAccount.primaryRegion });

    this.repository = new GovernedRepository(this, "repository", {
      name: github.repository,
      description: `${config.app.name}: ${config.app.tags.service ?? "service"} (infrastructure managed by cdktf)`,
      visibility: github.visibility,
      plan: github.organization.plan,
      advancedSecurity: github.secretScanning && github.organization.secretProtection,
      topics: github.topics,
      adoptExisting: github.adoptExistingRepository,
    });
    // Terraform's commits wait for the ruleset whose bypass admits them.
    const afterRuleset = [this.createRulesetAndOwners(github, auth.appId)];

    // Environments and their variables, and the deploy workflow's jobs, come from one pipeline
    // model (config pipelineStages), so each environment admits exactly the refs its job runs for.
    const stages = pipelineStages(config);
    this.environments = stages.map(({ name: envName }) => {
      const env = github.environments[envName]!;
      return new DeploymentEnvironment(this, `env-${envName}`, {
        repository: this.repository.repositoryName,
        name: envName,
        reviewers: env.reviewers,
        adminsCanBypass: adminsCanBypass(env.adminsCanBypass),
        waitTimerMinutes: env.waitTimerMinutes,
        branchPolicy: deploymentRefPolicy(config, envName),
        variables: environmentVariables(deployTarget(config, envName)),
      });
    });
    this.createWorkflows(config, github, { stages, afterRuleset, adminsCanBypass });
    new TerraformOutput(this, "repository_full_name", { value: this.repository.fullName });
  }

  /** Team access, the default-branch ruleset and CODEOWNERS; returns the ruleset later commits wait for. */
  private createRulesetAndOwners(github: GithubConfig, appId: number): ITerraformDependable {
    const repo = this.repository.repositoryName;
    const access = new TeamAccess(this, "teams", { repository: repo, teams: github.teams });
    const ruleset = new DefaultBranchRuleset(this, "default-branch", {
      repository: repo,
      requiredChecks: github.requiredChecks ?? [...CI_REQUIRED_CHECKS],
      requiredApprovals: github.requiredApprovals,
      requireSignedCommits: github.requireSignedCommits,
      visibility: github.visibility,
      plan: github.organization.plan,
      bypassApp: { appId },
    });
    new CodeOwnersFile(this, "codeowners", {
      repository: repo,
      branch: github.defaultBranch,
      entries: github.codeowners,
      grantedWriteTeams: access.writeTeams().map((slug) => `${github.owner}/${slug}`),
      source: "config (github.codeowners)",
      dependsOn: [ruleset.ruleset],
    });
    return ruleset.ruleset;
  }

  /** The image-bootstrap environment and the three workflows, committed after the ruleset. */
  private createWorkflows(
    config: AppConfig,
    github: GithubConfig,
    context: {
      stages: ReturnType<typeof pipelineStages>;
      afterRuleset: ITerraformDependable[];
      adminsCanBypass: (wanted: boolean) => boolean;
    },
  ): void {
    const repo = this.repository.repositoryName;
    const { stages, afterRuleset } = context;
    // Both workflows check every image they push against the contract the task definitions run it with.
    const contract = imageContract(config);

    // Day one: the first image goes into each account's repository before any environment
    // stack exists (see docs/first-deploy.md); only the default branch may run it.
    new DeploymentEnvironment(this, "env-image-bootstrap", {
      repository: repo,
      name: IMAGE_BOOTSTRAP_ENVIRONMENT,
      adminsCanBypass: context.adminsCanBypass(false),
      branchPolicy: { kind: "custom", branches: [github.defaultBranch], tags: [] },
    });
    new WorkflowFile(this, "image-bootstrap-workflow", {
      repository: repo,
      branch: github.defaultBranch,
      fileName: IMAGE_BOOTSTRAP_WORKFLOW_FILE,
      workflow: imageBootstrapWorkflow({ imageContract: contract, targets: imageBootstrapTargets(config) }),
      dependsOn: afterRuleset,
    });
    new WorkflowFile(this, "ci-workflow", {
      repository: repo,
      branch: github.defaultBranch,
      fileName: "ci.yml",
      workflow: ciWorkflow({}),
      dependsOn: afterRuleset,
    });
    new WorkflowFile(this, "deploy-workflow", {
      repository: repo,
      branch: github.defaultBranch,
      fileName: "deploy.yml",
      dependsOn: afterRuleset,
      workflow: deployWorkflow(deployWorkflowProps(config, github, stages, contract)),
    });
  }
}

/** Where the image bootstrap workflow publishes the first image: each account's repository, by its publish role. */
function imageBootstrapTargets(config: AppConfig): ImageBootstrapTarget[] {
  return imagePublishTargets(config).map((t) => ({
    name: `${t.account}-${t.region}`,
    roleArn: `arn:aws:iam::${t.accountId}:role/${t.roleName}`,
    region: t.region,
    repository: t.repositoryName,
    tags: t.tags,
  }));
}

/** The deploy workflow of the pipeline's stages, with the health path and wait their environments need. */
function deployWorkflowProps(
  config: AppConfig,
  github: GithubConfig,
  stages: ReturnType<typeof pipelineStages>,
  contract: ReturnType<typeof imageContract>,
): DeployWorkflowProps {
  return {
    service: config.app.name,
    branch: github.defaultBranch,
    imageContract: contract,
    // Every environment it deploys has this path (config rule pipelineSharesHealthPath).
    healthPath: stages[0] && config.environments[stages[0].name]!.service.healthCheckPath,
    waitForMinutes: deployWaitMinutes(config),
    environments: stages.map(({ name, strategy, releaseTagsOnly, replicaOf }) => ({
      name,
      strategy,
      releaseTagsOnly,
      replicaOf,
      databaseBootstrap: deployTarget(config, name).databaseBootstrap !== undefined,
    })),
  };
}

/** The variables a deployment environment gives its job: where it deploys, and what it backs up and bootstraps. */
function environmentVariables(target: ReturnType<typeof deployTarget>): Record<string, string> {
  const arn = (service: string, resource: string, region = target.region) =>
    `arn:aws:${service}:${region}:${target.accountId}:${resource}`;
  const backup = target.preDeploymentBackup;
  return {
    AWS_ROLE_ARN: `arn:aws:iam::${target.accountId}:role/${target.roleName}`,
    AWS_REGION: target.region,
    ECS_CLUSTER: target.clusterName,
    ECS_SERVICE: target.serviceName,
    ECR_REPOSITORY: target.repositoryName,
    SERVICE_HOSTNAME: target.hostname ?? "",
    // A DR copy's job takes no pre-deployment backup, so it gets no backup variables.
    ...(backup
      ? {
          BACKUP_VAULT: backup.backupVaultName,
          BACKUP_ROLE_ARN: `arn:aws:iam::${target.accountId}:role/${backup.backupRoleName}`,
          DATABASE_CLUSTER_ARN: arn("rds", `cluster:${backup.databaseClusterIdentifier}`),
        }
      : {}),
    // A DR copy's database is a secondary: its job runs no bootstrap, so it gets no bootstrap variables.
    ...(target.databaseBootstrap
      ? {
          DB_BOOTSTRAP_TASK_FAMILY: target.databaseBootstrap.taskFamily,
          DB_BOOTSTRAP_NETWORK_PARAMETER: target.databaseBootstrap.networkParameterName,
        }
      : {}),
  };
}
