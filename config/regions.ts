/**
 * Commercial AWS regions this collection supports, with the AZ letters each offers.
 * AZ letters map to different physical zones per account, but the set of letters a
 * region has is fixed, so a letter outside this set is a typo.
 */
export const REGION_AZ_LETTERS = {
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-east-2": ["a", "b", "c"],
  "us-west-1": ["a", "b", "c"],
  "us-west-2": ["a", "b", "c", "d"],
  "ca-central-1": ["a", "b", "d"],
  "eu-west-1": ["a", "b", "c"],
  "eu-west-2": ["a", "b", "c"],
  "eu-west-3": ["a", "b", "c"],
  "eu-central-1": ["a", "b", "c"],
  "eu-north-1": ["a", "b", "c"],
  "ap-southeast-1": ["a", "b", "c"],
  "ap-southeast-2": ["a", "b", "c"],
  "ap-northeast-1": ["a", "c", "d"],
  "ap-south-1": ["a", "b", "c"],
  "sa-east-1": ["a", "b", "c"],
} as const satisfies Record<string, readonly string[]>;

export type AwsRegion = keyof typeof REGION_AZ_LETTERS;

export const AWS_REGIONS = Object.keys(REGION_AZ_LETTERS) as [AwsRegion, ...AwsRegion[]];

export function isAwsRegion(value: string): value is AwsRegion {
  return Object.prototype.hasOwnProperty.call(REGION_AZ_LETTERS, value);
}
