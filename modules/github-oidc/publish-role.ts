import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { GITHUB_ENVIRONMENT_NAME } from "../core/patterns";
import { policyDocument } from "../core/policy";
import { throwIfProblems } from "../core/validation";
import { ECR_PUSH_ACTIONS } from "../registry/service-repository";
import { githubSubjects, type GithubRepositoryRef } from "./deploy-role";
import { GITHUB_OIDC_HOST, STS_AUDIENCE } from "./oidc-provider";

/** Props of `GithubImagePublishRole`: who may assume the role and the ECR repositories it may push first images to. */
export interface GithubImagePublishRoleProps {
  /** Role name prefix, e.g. `suma-auth-prod`; the role is `<name>-image-publish`. */
  readonly name: string;
  /** ARN of the account's GitHub OIDC provider, trusted as the federated principal. */
  readonly oidcProviderArn: string;
  /** The GitHub repository whose workflows may assume the role. */
  readonly repository: GithubRepositoryRef;
  /** The GitHub environment whose jobs may assume the role (its protection rules gate it). */
  readonly environment: string;
  /** The ECR repositories the role may push to: the service's, one per region the account runs it in. */
  readonly ecrRepositoryArns: readonly string[];
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function githubImagePublishRoleProblems(props: GithubImagePublishRoleProps): string[] {
  const problems: string[] = [];
  if (props.ecrRepositoryArns.length === 0) problems.push("ecrRepositoryArns must name at least one repository");
  if (!GITHUB_ENVIRONMENT_NAME.test(props.environment))
    problems.push(`environment "${props.environment}" is not a GitHub environment name`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults to fill in). */
export function checkGithubImagePublishRoleProps(
  where: string,
  props: GithubImagePublishRoleProps,
): GithubImagePublishRoleProps {
  throwIfProblems(where, githubImagePublishRoleProblems(props));
  return props;
}

/**
 * The role GitHub Actions assumes to publish a service's first image into an account, before
 * any environment (and so any deploy role) exists there. It may push to the service's ECR
 * repositories and do nothing else: no ECS, no IAM, no data.
 *
 * @example
 * ```ts
 * new GithubImagePublishRole(this, "image-publish", {
 *   name: "acme-prod",
 *   oidcProviderArn: oidc.providerArn,
 *   repository: { owner: "acme", name: "auth-service" },
 *   environment: "image-bootstrap",
 *   ecrRepositoryArns: [repository.repositoryArn],
 * });
 * ```
 */
export class GithubImagePublishRole extends Construct {
  /** The role resource. */
  readonly role: IamRole;
  /** ARN of the role, for the image bootstrap workflow's target. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: GithubImagePublishRoleProps) {
    super(scope, id);
    checkGithubImagePublishRoleProps(this.node.path, props);
    this.role = new IamRole(this, "role", {
      name: resourceName([props.name, "image-publish"], NAME_LIMITS.iamRole),
      description: `GitHub Actions publishes the first image of ${props.repository.owner}/${props.repository.name} (environment ${props.environment})`,
      maxSessionDuration: 3600,
      assumeRolePolicy: policyDocument([
        {
          Sid: "GithubEnvironmentOnly",
          Effect: "Allow",
          Principal: { Federated: props.oidcProviderArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
              [`${GITHUB_OIDC_HOST}:sub`]: githubSubjects(props.repository, props.environment),
            },
          },
        },
      ]),
      provider: props.provider,
    });
    new IamRolePolicy(this, "publish", {
      role: this.role.id,
      name: "publish-one-repository",
      policy: policyDocument([
        // GetAuthorizationToken accepts no resource: AWS requires "*".
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
          Sid: "PushServiceImage",
          Effect: "Allow",
          Action: [...ECR_PUSH_ACTIONS],
          Resource: [...props.ecrRepositoryArns],
        },
      ]),
      provider: props.provider,
    });
    this.roleArn = this.role.arn;
  }
}
