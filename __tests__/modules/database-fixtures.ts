import { AuroraPostgresCluster, type AuroraPostgresClusterProps } from "../../modules/database";
import { only, synthConstruct, type StackJson } from "../support/stack-json";

/** Example props and helpers shared by the AuroraPostgresCluster tests. */
export const DATA_KEY = "arn:aws:kms:us-east-1:111111111111:key/data";
export const LOGS_KEY = "arn:aws:kms:us-east-1:111111111111:key/logs";
export const SECRET_KEY = "arn:aws:kms:us-east-1:111111111111:key/secrets";
export const BASE: AuroraPostgresClusterProps = {
  name: "acme-prod",
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
  allowedSecurityGroupIds: ["sg-app", "sg-migrations"],
  instanceClass: "db.r7g.large",
  role: { kind: "primary", databaseName: "auth", masterSecretKmsKeyArn: SECRET_KEY },
  storageKmsKeyArn: DATA_KEY,
  logs: { kmsKeyArn: LOGS_KEY },
};
export const SECONDARY: Extract<AuroraPostgresClusterProps["role"], { kind: "secondary" }> = {
  kind: "secondary",
  globalClusterIdentifier: "acme-global",
  sourceRegion: "us-east-1",
};
export const synth = (props: Partial<AuroraPostgresClusterProps> = {}): StackJson =>
  synthConstruct((scope) => new AuroraPostgresCluster(scope, "db", { ...BASE, ...props }));
export const ref = (type: string, stack: StackJson, attribute: string) =>
  `\${${type}.${only(stack, type).name}.${attribute}}`;
