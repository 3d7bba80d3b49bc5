import type { Construct } from "constructs";
import type { AccountRegion, AppConfig } from "../config";
import { EncryptionKey } from "../modules/kms";
import { AwsStack } from "./aws-stack";

/**
 * What exists once per account and region, for every environment there: today the key
 * that encrypts CloudWatch log groups. Environment stacks read its outputs as remote state.
 */
export class SharedStack extends AwsStack {
  /** ARN of the KMS key for log groups in this account and region. */
  readonly logsKeyArn: string;
  readonly pair: AccountRegion;

  constructor(scope: Construct, name: string, config: AppConfig, pair: AccountRegion) {
    super(scope, name, { config, account: pair.account, region: pair.region, environment: "shared" });
    this.pair = pair;
    const logsKey = new EncryptionKey(this, "logs-key", {
      alias: `${config.app.name}-${pair.account}-logs`,
      description: `Encrypts ${config.app.name} CloudWatch log groups in account ${pair.account}`,
      serviceGrants: [{ service: "cloudwatch-logs" }],
      preventDestroy: true,
    });
    this.logsKeyArn = logsKey.keyArn;
  }
}
