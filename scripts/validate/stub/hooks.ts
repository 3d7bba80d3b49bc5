// Plan-time hooks: values a real provider computes while planning and that configurations depend on.
// Each hook takes the planned state (computed attributes already unknown) and the config, and
// returns the planned state with what the real provider would know at plan time.
import { UNKNOWN, isUnknown, type Value } from "./values";

type PlanHook = (planned: { [key: string]: Value }, config: { [key: string]: Value }) => { [key: string]: Value };

function knownStrings(value: Value): string[] | undefined {
  if (value === null) return [];
  if (!Array.isArray(value)) return undefined;
  if (value.some((v) => typeof v !== "string")) return undefined;
  return value as string[];
}

/**
 * aws_acm_certificate: the provider plans `domain_validation_options` with one element per name
 * (domain_name and each of subject_alternative_names), its `domain_name` known and the DNS record
 * unknown, so `for_each` over the options keyed by domain name plans before the certificate exists.
 * A name that is itself unknown leaves the whole set unknown.
 */
export const acmDomainValidationOptions: PlanHook = (planned, config) => {
  const domain = config.domain_name;
  const alternatives = knownStrings(config.subject_alternative_names ?? null);
  if (typeof domain !== "string" || alternatives === undefined || isUnknown(domain)) return planned;
  const names = [...new Set([domain, ...alternatives])];
  return {
    ...planned,
    domain_validation_options: names.map((name) => ({
      domain_name: name,
      resource_record_name: UNKNOWN,
      resource_record_type: UNKNOWN,
      resource_record_value: UNKNOWN,
    })),
  };
};

/** Hooks by resource type. */
export const PLAN_HOOKS: Readonly<Record<string, PlanHook>> = {
  aws_acm_certificate: acmDomainValidationOptions,
};
