import type { PolicyRule } from "../../rule";

/** ECR tags cannot be moved to another image. */
export const EcrRepositoryTagsImmutable: PolicyRule = {
  id: "SUMA-ECR-001",
  title: "ECR repositories have immutable image tags",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "CC6.8"], cis: [] },
  resourceTypes: ["aws_ecr_repository"],
  rationale:
    "With mutable tags anyone who can push can replace the image behind a tag that is already deployed or approved, so what " +
    'runs is no longer what was reviewed and scanned. Set imageTagMutability: "IMMUTABLE".',
  check: ({ values }) => {
    const mutability = values.image_tag_mutability;
    if (mutability === "IMMUTABLE") return [];
    return [`image_tag_mutability is ${String(mutability ?? "unset (AWS default MUTABLE)")}; set IMMUTABLE`];
  },
};
