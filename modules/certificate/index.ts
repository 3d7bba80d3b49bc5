export {
  DnsValidatedCertificate,
  type CertificateWithExistingValidationRecords,
  type CertificateWithValidationRecords,
  type DnsValidatedCertificateProps,
} from "./dns-validated-certificate";
