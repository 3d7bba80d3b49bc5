import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { awsContext, type AwsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument, type PolicyStatement } from "../core/policy";

export interface ServiceRolesProps {
  readonly name: string;
  /** ECR repository the execution role may pull from. */
  readonly repositoryArn: string;
  readonly logGroupArn: string;
  /** Secrets Manager / SSM ARNs the task's `secrets` reference: the execution role reads exactly these. */
  readonly secretArns: readonly string[];
  /** KMS keys that encrypt those secrets. */
  readonly secretKmsKeyArns: readonly string[];
  /** What the application itself may do. */
  readonly taskPolicyStatements: readonly PolicyStatement[];
  /** ECS Exec: the task role gets the SSM channel and exec logging permissions. */
  readonly executeCommand?: { readonly logGroupName: string; readonly kmsKeyArn: string };
  /** Create the ECS infrastructure role that canary deployments need. */
  readonly infrastructureRole: boolean;
  readonly provider?: TerraformProvider;
}

function roleName(props: ServiceRolesProps, purpose: string): string {
  return resourceName([props.name, purpose], NAME_LIMITS.iamRole);
}

// Amazon ECS Developer Guide, "Amazon ECS task execution IAM role" (creating the role): the
// documented trust policy is ecs-tasks with sts:AssumeRole and no condition. The page documents
// no aws:SourceAccount/aws:SourceArn for this role, so none is added: a key the container agent
// doesn't send would make every task fail to start.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
function executionTrust(ctx: AwsContext): string {
  return policyDocument([
    { Effect: "Allow", Principal: { Service: `ecs-tasks.${ctx.dnsSuffix}` }, Action: "sts:AssumeRole" },
  ]);
}

// Amazon ECS Developer Guide, "Amazon ECS task IAM role" (create the task IAM role): the
// documented trust policy scopes ecs-tasks with aws:SourceArn (this account's ECS resources in
// this region) and aws:SourceAccount against the confused deputy.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
function taskTrust(ctx: AwsContext): string {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: `ecs-tasks.${ctx.dnsSuffix}` },
      Action: "sts:AssumeRole",
      Condition: {
        ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}:*` },
        StringEquals: { "aws:SourceAccount": ctx.accountId },
      },
    },
  ]);
}

// Amazon ECS Developer Guide, "Amazon ECS infrastructure IAM role for load balancers": the
// documented trust policy is ecs.amazonaws.com with sts:AssumeRole and no condition; ECS is not
// documented to send aws:SourceAccount/aws:SourceArn when it assumes this role, so a condition on
// them could stop every canary deployment from shifting traffic (deployability rule SUMA-DEP-302).
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html
function infrastructureTrust(ctx: AwsContext): string {
  return policyDocument([
    {
      Sid: "AllowAccessToECSForInfrastructureManagement",
      Effect: "Allow",
      Principal: { Service: `ecs.${ctx.dnsSuffix}` },
      Action: "sts:AssumeRole",
    },
  ]);
}

/**
 * The service's roles, kept apart so each has one job: the execution role starts tasks
 * (pull, log, read secrets), the task role is what the code may call, and the
 * infrastructure role lets ECS shift load balancer traffic during canary deployments.
 */
export class ServiceRoles extends Construct {
  /** The role ECS starts tasks with (image, logs, secrets). */
  readonly executionRole: IamRole;
  /** The role the application runs as. */
  readonly taskRole: IamRole;
  /** The role ECS shifts canary traffic with; undefined unless `infrastructureRole`. */
  readonly infrastructureRole?: IamRole;

  constructor(scope: Construct, id: string, props: ServiceRolesProps) {
    super(scope, id);
    const ctx = awsContext(this, props.provider);
    this.executionRole = this.createExecutionRole(props, ctx);
    this.taskRole = this.createTaskRole(props, ctx);
    if (props.infrastructureRole) this.infrastructureRole = this.createInfrastructureRole(props, ctx);
  }

  /** The execution role: pulls the service's image (and the GuardDuty agent), writes its logs, reads its secrets. */
  private createExecutionRole(props: ServiceRolesProps, ctx: AwsContext): IamRole {
    const provider = props.provider;
    const executionRole = new IamRole(this, "execution", {
      name: roleName(props, "ecs-execution"),
      assumeRolePolicy: executionTrust(ctx),
      provider,
    });
    const secretsManager = props.secretArns.filter((a) => a.includes(":secretsmanager:") || a.includes("${"));
    const ssm = props.secretArns.filter((a) => a.includes(":ssm:"));
    const execution: PolicyStatement[] = [
      // GetAuthorizationToken is account-wide by design: AWS accepts no resource for it.
      { Sid: "EcrAuthToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "PullServiceImage",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        Resource: props.repositoryArn,
      },
      // GuardDuty Runtime Monitoring injects its agent as a sidecar pulled with this role; the
      // agent's repository belongs to a GuardDuty account per region, so only its name is fixed.
      {
        Sid: "PullGuardDutyAgent",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        Resource: `arn:${ctx.partition}:ecr:${ctx.region}:*:repository/aws-guardduty-agent-fargate`,
      },
      {
        Sid: "WriteServiceLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${props.logGroupArn}:*`,
      },
      ...(secretsManager.length
        ? [
            {
              Sid: "ReadTaskSecrets",
              Effect: "Allow" as const,
              Action: "secretsmanager:GetSecretValue",
              Resource: secretsManager.map(stripJsonKey),
            },
          ]
        : []),
      ...(ssm.length
        ? [{ Sid: "ReadTaskParameters", Effect: "Allow" as const, Action: "ssm:GetParameters", Resource: ssm }]
        : []),
      ...(props.secretKmsKeyArns.length
        ? [
            {
              Sid: "DecryptTaskSecrets",
              Effect: "Allow" as const,
              Action: "kms:Decrypt",
              Resource: [...props.secretKmsKeyArns],
            },
          ]
        : []),
    ];
    new IamRolePolicy(this, "execution-policy", {
      role: executionRole.id,
      name: "start-tasks",
      policy: policyDocument(execution),
      provider,
    });
    return executionRole;
  }

  /** The task role: the application's own statements, and ECS Exec's channel, session logs and key when enabled. */
  private createTaskRole(props: ServiceRolesProps, ctx: AwsContext): IamRole {
    const provider = props.provider;
    const taskRole = new IamRole(this, "task", {
      name: roleName(props, "ecs-task"),
      assumeRolePolicy: taskTrust(ctx),
      provider,
    });
    const task: PolicyStatement[] = [...props.taskPolicyStatements];
    if (props.executeCommand) {
      task.push(
        // The SSM Session Manager channel has no resource-level permissions.
        {
          Sid: "EcsExecChannel",
          Effect: "Allow",
          Action: [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
          ],
          Resource: "*",
        },
        {
          Sid: "EcsExecSessionLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${props.executeCommand.logGroupName}:*`,
        },
        {
          Sid: "EcsExecLogGroupLookup",
          Effect: "Allow",
          Action: "logs:DescribeLogGroups",
          Resource: `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*`,
        },
        {
          Sid: "EcsExecEncryption",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: props.executeCommand.kmsKeyArn,
        },
      );
    }
    if (task.length > 0)
      new IamRolePolicy(this, "task-policy", {
        role: taskRole.id,
        name: "application",
        policy: policyDocument(task),
        provider,
      });
    return taskRole;
  }

  /** The infrastructure role ECS uses to shift canary traffic between the target groups. */
  private createInfrastructureRole(props: ServiceRolesProps, ctx: AwsContext): IamRole {
    const provider = props.provider;
    const infrastructureRole = new IamRole(this, "infrastructure", {
      name: roleName(props, "ecs-infrastructure"),
      assumeRolePolicy: infrastructureTrust(ctx),
      provider,
    });
    new IamRolePolicyAttachment(this, "infrastructure-policy", {
      role: infrastructureRole.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers`,
      provider,
    });
    return infrastructureRole;
  }
}

/** `arn:...:secret:name-AbCdEf:json-key::` → the secret ARN IAM understands. */
function stripJsonKey(valueFrom: string): string {
  const match = /^(arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:[^:]+)(:.*)?$/.exec(valueFrom);
  return match ? match[1]! : valueFrom;
}
