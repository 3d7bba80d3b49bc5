/** SNS topics: the rules with ids SUMA-SNS-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { SnsTopicEncrypted } from "./SnsTopicEncrypted";

export { SnsTopicEncrypted };

export const SNS_RULES: readonly PolicyRule[] = [SnsTopicEncrypted];
