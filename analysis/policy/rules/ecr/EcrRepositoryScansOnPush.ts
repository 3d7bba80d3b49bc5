import type { PolicyRule } from "../../rule";
import { blocksOf } from "../../rule-helpers";
import { isTrue, nestedBlock, resourcesOfType, type TerraformJson } from "../../terraform-json";

/** True when a registry scanning configuration in the stack scans on push or continuously. */
function registryScans(stack: TerraformJson): boolean {
  return resourcesOfType(stack, "aws_ecr_registry_scanning_configuration").some(
    ([, config]) =>
      config.scan_type === "ENHANCED" ||
      blocksOf(config.rule).some(
        (rule) => rule.scan_frequency === "SCAN_ON_PUSH" || rule.scan_frequency === "CONTINUOUS_SCAN",
      ),
  );
}

/** Images are scanned for vulnerabilities when pushed. */
export const EcrRepositoryScansOnPush: PolicyRule = {
  id: "SUMA-ECR-002",
  title: "ECR repositories scan images on push",
  severity: "error",
  controls: { pci: ["6.3.1", "11.3.1"], soc2: ["CC7.1"], cis: [] },
  resourceTypes: ["aws_ecr_repository"],
  rationale:
    "Scanning every pushed image finds known vulnerabilities in the OS packages and libraries before the image is deployed. " +
    "Set imageScanningConfiguration: { scanOnPush: true }, or configure registry-level enhanced scanning.",
  check: ({ values, stack }) =>
    isTrue(nestedBlock(values.image_scanning_configuration)?.scan_on_push) || registryScans(stack)
      ? []
      : ["image_scanning_configuration.scan_on_push is not true and no registry scanning configuration scans on push"],
};
