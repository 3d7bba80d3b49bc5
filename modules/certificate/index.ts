export {
  checkDnsValidatedCertificateProps,
  DnsValidatedCertificate,
  dnsValidatedCertificateProblems,
  type CertificateWithExistingValidationRecords,
  type CertificateWithValidationRecords,
  type DnsValidatedCertificateProps,
} from "./dns-validated-certificate";
