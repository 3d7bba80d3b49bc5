import { IMAGE_CONTRACT_LABELS, numericUser } from "../../../../../modules/ecs-service/image-contract";
import type { DeployabilityRule } from "../../../rule";
import { contractLabels, forEachContainer, isRootUser } from "../../../rule-helpers";

export const ContainerUserNumericNonRoot: DeployabilityRule = {
  id: "SUMA-DEP-609",
  title: "A container runs as a numeric non-root uid:gid, the one its image contract declares",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "A container definition's user is a name, uid, or either with a group; uid and gid must be positive integers. A name is looked " +
    "up in the image's /etc/passwd when the container starts, so an image without that entry fails to start; a uid needs no entry.",
  source: {
    title: "Amazon ECS API Reference: ContainerDefinition, user",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html#ECS-Type-ContainerDefinition-user",
  },
  rationale:
    "A named user ties the task definition to an /etc/passwd entry no one checks (distroless and scratch images have none), and a uid " +
    "other than the one the image's files and scratch paths were prepared for can't write where it must. Fix: set the image contract's " +
    "user to a numeric uid:gid such as 10001:10001 (FargateService sets container user from it and records it as the image-contract.user " +
    "label) and declare the same USER in the Dockerfile; the deploy workflow refuses images whose USER differs.",
  check: ({ values }) =>
    forEachContainer(values, (container, name) => {
      const user = typeof container.user === "string" ? container.user : undefined;
      const promised = contractLabels(container)[IMAGE_CONTRACT_LABELS.user];
      const problems: string[] = [];
      if (user !== undefined && isRootUser(user)) problems.push(`container "${name}" runs as root (user "${user}")`);
      else if (user !== undefined && !numericUser(user)) {
        problems.push(
          `container "${name}" user "${user}" is not a numeric uid[:gid]: a name needs an /etc/passwd entry in the image, or the container fails to start`,
        );
      }
      if (promised !== undefined && user !== promised) {
        problems.push(
          `container "${name}" runs as ${user === undefined ? "the image's USER (user not set)" : user}, but its image contract (${IMAGE_CONTRACT_LABELS.user}) declares ${promised}`,
        );
      }
      if (promised !== undefined && !numericUser(promised))
        problems.push(`container "${name}" image contract user "${promised}" is not a numeric non-root uid[:gid]`);
      return problems;
    }),
};
