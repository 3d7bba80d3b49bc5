import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { keyAdministrationOf, type AppConfig, type AwsRegion } from "../config";
import type { KeyAdministration } from "../modules/kms";
import { configureBackend } from "./backend";

export interface AwsStackProps {
  readonly config: AppConfig;
  /** Key into `config.accounts`. */
  readonly account: string;
  readonly region: AwsRegion;
  /** Value of the `environment` tag. */
  readonly environment: string;
  /** Extra default tags, e.g. an environment's own. */
  readonly tags?: Record<string, string>;
  /**
   * Where this stack keeps its state. `remote` follows `config.backend`; `local` is for
   * the state bootstrap, which creates the bucket everything else uses.
   * @default "remote"
   */
  readonly state?: "remote" | "local";
}

/**
 * A stack with one AWS provider pinned to its account, default tags on every resource,
 * and the backend the config chose. Stacks extend it and only wire modules.
 */
export abstract class AwsStack extends TerraformStack {
  readonly config: AppConfig;
  readonly accountId: string;
  readonly region: AwsRegion;
  readonly provider: AwsProvider;
  private readonly defaultTags: Readonly<Record<string, string>>;
  private readonly regionalProviders = new Map<string, AwsProvider>();
  /** Who administers this account's KMS keys (config `accounts.<account>.keyAdministration`). */
  readonly keyAdministration?: KeyAdministration;

  protected constructor(scope: Construct, id: string, props: AwsStackProps) {
    super(scope, id);
    const { config } = props;
    const account = config.accounts[props.account];
    if (!account) throw new Error(`${id}: account "${props.account}" is not in the config`);
    this.config = config;
    this.accountId = account.id;
    this.region = props.region;
    this.defaultTags = {
      ...config.app.tags,
      ...props.tags,
      app: config.app.name,
      environment: props.environment,
      owner: config.app.owner,
      "data-classification": config.app.dataClassification,
      "managed-by": "cdktf",
    };
    this.keyAdministration = keyAdministrationOf(config, props.account);
    this.provider = new AwsProvider(this, "aws", {
      region: props.region,
      // A plan against the wrong credentials fails instead of changing another account.
      allowedAccountIds: [account.id],
      defaultTags: [{ tags: { ...this.defaultTags } }],
    });
    configureBackend(this, config, { accountId: account.id, region: props.region }, props.state ?? "remote");
  }

  /**
   * The provider for `region` in this stack's account: the default provider in the stack's own region,
   * else one aliased provider per region (alias = the region), with the same account pin and tags.
   */
  providerIn(region: AwsRegion): AwsProvider {
    if (region === this.region) return this.provider;
    let provider = this.regionalProviders.get(region);
    if (!provider) {
      provider = new AwsProvider(this, `aws-${region}`, {
        alias: region,
        region,
        allowedAccountIds: [this.accountId],
        defaultTags: [{ tags: { ...this.defaultTags } }],
      });
      this.regionalProviders.set(region, provider);
    }
    return provider;
  }
}
