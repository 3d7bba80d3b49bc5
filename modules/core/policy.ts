import { jsonAttribute } from "./json-attribute";

/** IAM policy documents as typed objects, serialized by jsonAttribute (never hand-written JSON). */
export type ConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?:
    "*" | { readonly AWS?: string | string[]; readonly Service?: string | string[]; readonly Federated?: string };
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): string {
  const doc: PolicyDocument = { Version: "2012-10-17", Statement: statements };
  return jsonAttribute(doc);
}

/** Denies any request to the bucket that does not use TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
