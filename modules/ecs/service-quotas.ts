import { Construct } from "constructs";
import { DataResource, type TerraformProvider } from "cdktf";
import { ServicequotasServiceQuota } from "@cdktf/provider-aws/lib/servicequotas-service-quota";
import { isLiteral, literalMismatch } from "../core/literal";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";

/** One quota to raise: Service Quotas' service code, quota code and the value wanted. */
export interface ServiceQuotaRequest {
  /** e.g. `fargate`, `vpc` (`aws service-quotas list-services`). */
  readonly serviceCode: string;
  /** e.g. `L-3032A538` (`aws service-quotas list-service-quotas --service-code <code>`). */
  readonly quotaCode: string;
  /** The value the account needs in the provider's region: a whole number, 1 or more. */
  readonly value: number;
}

/** Props of `ServiceQuotaRequests`: the Service Quotas increases to request in the provider's account and region. */
export interface ServiceQuotaRequestsProps {
  /**
   * Quotas to raise in the provider's account and region. Each becomes an
   * `aws_servicequotas_service_quota`: when the quota is below `value`, applying submits an
   * increase request (which AWS may take days to grant, or deny); when it is at or above
   * `value`, nothing is requested (a quota is never lowered). Destroying a resource changes no
   * quota. An empty list creates nothing.
   * @default [] (request nothing)
   */
  readonly quotas?: readonly ServiceQuotaRequest[];
  /**
   * AWS provider (account and region) the requests are made with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

// RequestServiceQuotaIncrease: ServiceCode [a-zA-Z][a-zA-Z0-9-]{1,63}, QuotaCode [a-zA-Z][a-zA-Z0-9-]{1,128}, DesiredValue 0..10^10.
const SERVICE_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/;
const QUOTA_CODE = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;
const MAX_VALUE = 10_000_000_000;

/** The problems of ServiceQuotaRequestsProps, one message per problem (empty when valid). */
export function serviceQuotaRequestsProblems(props: ServiceQuotaRequestsProps): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  (props.quotas ?? []).forEach((q, i) => {
    const at = `quotas[${i}]`;
    if (literalMismatch(q.serviceCode, SERVICE_CODE))
      problems.push(`${at}.serviceCode: "${q.serviceCode}" is not a Service Quotas service code such as "fargate"`);
    if (literalMismatch(q.quotaCode, QUOTA_CODE))
      problems.push(`${at}.quotaCode: "${q.quotaCode}" is not a Service Quotas quota code such as "L-3032A538"`);
    if (isLiteral(q.value) && notWholeNumberIn(q.value, 1, MAX_VALUE)) {
      problems.push(`${at}.value: ${q.value} must be a whole number from 1 to ${MAX_VALUE}`);
    }
    const key = `${q.serviceCode}/${q.quotaCode}`;
    if (seen.has(key))
      problems.push(`${at}: ${key} is requested twice; one resource per quota (AWS allows one open request per quota)`);
    seen.add(key);
  });
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkServiceQuotaRequestsProps(
  where: string,
  props: ServiceQuotaRequestsProps,
): WithDefaults<ServiceQuotaRequestsProps, "quotas"> {
  throwIfProblems(where, serviceQuotaRequestsProblems(props));
  return { ...props, quotas: props.quotas ?? [] };
}

/**
 * Raises service quotas in one account and region, as code.
 *
 * The provider reads a quota's current value back into `value` once no request is open, so a
 * quota AWS granted above the wanted value, or one that was already higher, would show as a
 * change on every plan (and a quota can't be lowered). So `value` is ignored after creation, and
 * a `terraform_data` holding the wanted value replaces the resource when the wanted value
 * changes: replacing submits a new request if the quota is still below it (destroying the old
 * resource changes no quota). While a request is open, a second apply plans no change.
 *
 * @example
 * new ServiceQuotaRequests(this, "quotas", {
 *   quotas: [{ serviceCode: "fargate", quotaCode: "L-3032A538", value: 132 }],
 * });
 */
export class ServiceQuotaRequests extends Construct {
  /** One resource per quota, keyed `<serviceCode>/<quotaCode>`. */
  readonly quotas: ReadonlyMap<string, ServicequotasServiceQuota>;

  constructor(scope: Construct, id: string, props: ServiceQuotaRequestsProps = {}) {
    super(scope, id);
    const resolved = checkServiceQuotaRequestsProps(this.node.path, props);
    const quotas = new Map<string, ServicequotasServiceQuota>();
    for (const q of resolved.quotas) {
      const key = `${q.serviceCode}/${q.quotaCode}`;
      const wanted = new DataResource(this, `${q.serviceCode}-${q.quotaCode}-wanted`, {
        input: { serviceCode: q.serviceCode, quotaCode: q.quotaCode, value: q.value },
      });
      const quota = new ServicequotasServiceQuota(this, `${q.serviceCode}-${q.quotaCode}`, {
        serviceCode: q.serviceCode,
        quotaCode: q.quotaCode,
        value: q.value,
        provider: props.provider,
        lifecycle: { ignoreChanges: ["value"], replaceTriggeredBy: [wanted] },
      });
      quotas.set(key, quota);
    }
    this.quotas = quotas;
  }
}
