import type { DeployabilityRule } from "../../../rule";
import { conditionsOn, statementsOf, stringsOf } from "../../../rule-helpers";

export const ElasticacheViaServiceAdmitsDax: DeployabilityRule = {
  id: "SUMA-DEP-701",
  title: "A key policy that admits ElastiCache through kms:ViaService admits DAX in the same region too",
  severity: "error",
  controls: { pci: ["3.5.1", "3.6.1", "6.5.1"], soc2: ["CC6.1", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  constraint:
    "ElastiCache uses a customer managed key for at-rest encryption through both the elasticache and the dax service endpoints: a key " +
    "policy that limits use with kms:ViaService must list dax.<region>.amazonaws.com as well as elasticache.<region>.amazonaws.com.",
  source: {
    title: "Amazon ElastiCache User Guide: At-Rest Encryption in ElastiCache, Using customer managed keys from AWS KMS",
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html#using-customer-managed-keys-for-elasticache-security",
  },
  rationale:
    "Without dax the key policy denies the calls ElastiCache makes through it, so creating the encrypted cache or taking its snapshots " +
    'fails. Fix: list dax next to elasticache (EncryptionKey usage { kind: "via-services", services: ["elasticache"] } adds it).',
  check: ({ values }) =>
    statementsOf(values.policy).flatMap((statement) =>
      conditionsOn(statement, "kms:ViaService").flatMap(([, listed]) => {
        const services = stringsOf(listed);
        return services
          .filter((s) => s.startsWith("elasticache.") && !services.includes(`dax.${s.slice("elasticache.".length)}`))
          .map(
            (s) =>
              `statement ${JSON.stringify(statement.Sid ?? "(no Sid)")} admits ${s} in kms:ViaService but not ${`dax.${s.slice("elasticache.".length)}`}; ElastiCache cache creation and snapshots are denied`,
          );
      }),
    ),
};
