import type { AppConfigInput } from "./schema";
import { sumaAuthConfig } from "./suma";
import { SUMA_WORKLOADS } from "./workloads";

/** The default app: the SUMA auth service's environments plus the workloads that size them. */
export const defaultAppConfig: AppConfigInput = { ...sumaAuthConfig, workloads: { ...SUMA_WORKLOADS } };
