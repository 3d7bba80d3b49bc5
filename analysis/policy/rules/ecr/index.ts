/** ECR repositories: the rules with ids SUMA-ECR-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { EcrRepositoryTagsImmutable } from "./EcrRepositoryTagsImmutable";
import { EcrRepositoryScansOnPush } from "./EcrRepositoryScansOnPush";
import { EcrRepositoryKmsEncrypted } from "./EcrRepositoryKmsEncrypted";

export { EcrRepositoryTagsImmutable, EcrRepositoryScansOnPush, EcrRepositoryKmsEncrypted };

export const ECR_RULES: readonly PolicyRule[] = [
  EcrRepositoryTagsImmutable,
  EcrRepositoryScansOnPush,
  EcrRepositoryKmsEncrypted,
];
