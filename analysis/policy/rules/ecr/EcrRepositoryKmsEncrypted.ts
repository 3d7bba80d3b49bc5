import type { PolicyRule } from "../../rule";
import { isSet, nestedBlock } from "../../terraform-json";

const KMS_TYPES = new Set(["KMS", "KMS_DSSE"]);

/** Images are encrypted with a KMS key the account controls. */
export const EcrRepositoryKmsEncrypted: PolicyRule = {
  id: "SUMA-ECR-003",
  title: "ECR repositories encrypt images with a customer-managed KMS key",
  severity: "warning",
  controls: { pci: ["3.6.1"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_ecr_repository"],
  rationale:
    "With the default AES256 encryption anyone with ECR read access can pull; a customer-managed key adds a key policy and " +
    'CloudTrail records of every decrypt. Set encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: <key ARN> }].',
  check: ({ values }) => {
    const encryption = nestedBlock(values.encryption_configuration);
    const type = encryption?.encryption_type;
    if (typeof type !== "string" || !KMS_TYPES.has(type))
      return [`encryption_type is ${String(type ?? "unset (AWS default AES256)")}; set KMS`];
    return isSet(encryption?.kms_key)
      ? []
      : ["encryption_type is KMS without kms_key, so the AWS-managed aws/ecr key is used"];
  },
};
