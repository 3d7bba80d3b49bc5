import type { Construct } from "constructs";
import { throwIfProblems } from "../core/validation";
import {
  DataTerraformRemoteState,
  NamedCloudWorkspace,
  S3Backend,
  TerraformBackend,
  type TerraformRemoteState,
  type TerraformStack,
} from "cdktf";

/** Props of `useS3Backend`: the state bucket, object key, region and KMS key. */
export interface S3StateBackendProps {
  /** Name of the S3 bucket holding the state (e.g. `StateBucket.bucketName`). */
  readonly bucket: string;
  /** State object key, e.g. `suma-auth-prod/terraform.tfstate`. */
  readonly key: string;
  /** AWS region of the state bucket. */
  readonly region: string;
  /** KMS key (ARN or alias ARN) that encrypts the state object. */
  readonly kmsKeyId: string;
}

/**
 * The S3 backend with encryption under a customer-managed key and S3-native locking.
 * No DynamoDB table: Terraform 1.10+ locks with a lock object beside the state.
 */
export function useS3Backend(stack: TerraformStack, props: S3StateBackendProps): S3Backend {
  const backend = new S3Backend(stack, {
    bucket: props.bucket,
    key: props.key,
    region: props.region,
    encrypt: true,
    kmsKeyId: props.kmsKeyId,
  });
  // cdktf 0.21's S3BackendConfig has no `useLockfile` field.
  backend.addOverride("use_lockfile", true);
  return backend;
}

/** Props of `HcpTerraformBackend`: the HCP Terraform organization, workspace, host and project. */
export interface HcpTerraformBackendProps {
  /** HCP Terraform organization that owns the workspace; must not be empty. */
  readonly organization: string;
  /** One workspace per stack. */
  readonly workspace: string;
  /**
   * HCP Terraform (or Terraform Enterprise) host name.
   * @default "app.terraform.io"
   */
  readonly hostname?: string;
  /** HCP Terraform project of the workspace. @default the organization's default project */
  readonly project?: string;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function hcpTerraformBackendProblems(props: HcpTerraformBackendProps): string[] {
  const problems: string[] = [];
  if (!props.organization) problems.push("HCP Terraform organization must not be empty");
  if (!/^[A-Za-z0-9_-]{1,90}$/.test(props.workspace))
    problems.push(`workspace "${props.workspace}" must be 1-90 of letters, digits, "-" and "_"`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them unchanged. */
export function checkHcpTerraformBackendProps(
  where: string,
  props: HcpTerraformBackendProps,
): HcpTerraformBackendProps {
  throwIfProblems(where, hcpTerraformBackendProblems(props));
  return props;
}

/**
 * The `cloud` block for HCP Terraform / Terraform Enterprise.
 *
 * cdktf's own CloudBackend adds a validation that runs `terraform version` during synth,
 * which fails wherever no terraform binary is installed. This backend renders the same
 * block without that check, so synth and every test stay offline.
 */
export class HcpTerraformBackend extends TerraformBackend {
  private readonly workspace: NamedCloudWorkspace;

  constructor(
    scope: Construct,
    private readonly props: HcpTerraformBackendProps,
  ) {
    super(scope, "backend", "cloud");
    checkHcpTerraformBackendProps(scope.node.path, props);
    this.workspace = new NamedCloudWorkspace(props.workspace, props.project);
  }

  private attributes(): Record<string, unknown> {
    return { organization: this.props.organization, hostname: this.props.hostname ?? "app.terraform.io" };
  }

  /** The `cloud` block's arguments for JSON synth: organization, hostname and the named workspace. */
  protected synthesizeAttributes(): Record<string, unknown> {
    return { ...this.attributes(), workspaces: this.workspace.toTerraform() };
  }

  /** The `cloud` block's arguments for HCL synth, with `workspaces` rendered as a block. */
  protected synthesizeHclAttributes(): Record<string, unknown> {
    return {
      ...this.attributes(),
      workspaces: { value: this.workspace.toHclTerraform(), isBlock: true, type: "map", storageClassType: "stringmap" },
    };
  }

  toTerraform(): unknown {
    return { terraform: { cloud: { ...this.synthesizeAttributes(), ...this.rawOverrides } } };
  }

  /** The `terraform { cloud { ... } }` block for `cdktf synth --hcl`, raw overrides applied. */
  toHclTerraform(): unknown {
    return { terraform: { cloud: { ...this.synthesizeHclAttributes(), ...this.rawOverrides } } };
  }

  /** Consumers read this workspace's outputs through the `remote` backend (workspace state sharing must allow them). */
  getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new DataTerraformRemoteState(scope, name, {
      organization: this.props.organization,
      hostname: this.props.hostname ?? "app.terraform.io",
      workspaces: { name: this.props.workspace },
    });
  }
}
