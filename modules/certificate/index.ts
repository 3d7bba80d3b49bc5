export { DnsValidatedCertificate, type DnsValidatedCertificateProps } from "./dns-validated-certificate";
