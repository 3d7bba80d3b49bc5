/** Deployability rules: service quota increase requests (`aws_servicequotas_service_quota`). */
import type { DeployabilityRule } from "../../../rule";
import { QuotaRequestWellFormed } from "./QuotaRequestWellFormed";
import { OneRequestPerQuota } from "./OneRequestPerQuota";

export { QuotaRequestWellFormed, OneRequestPerQuota };

export const QUOTA_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [QuotaRequestWellFormed, OneRequestPerQuota];
