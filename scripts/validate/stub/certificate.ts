// The stub provider's TLS certificate for go-plugin's AutoMTLS: self-signed EC P-256, valid for
// DNS:localhost, a CA (Terraform trusts it as the root for this one connection) with both the
// serverAuth and clientAuth extended key usages. The runner makes one per run and hands it to
// every stub start through the environment, so no start pays for key generation.
import { X509Certificate as NodeCertificate, webcrypto } from "node:crypto";

export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** A new self-signed certificate and its private key (PEM), valid from a minute ago for a day. */
export async function createServerCertificate(): Promise<ServerCertificate> {
  // Loaded on demand: a stub start that is handed the runner's certificate skips the X.509 library.
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: now.toString(16),
    name: "CN=localhost, O=suma-validate stub provider",
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 3600_000),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "localhost" }]),
    ],
  });
  const key = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { certPem: cert.toString("pem"), keyPem: pem("PRIVATE KEY", key), der: Buffer.from(cert.rawData) };
}

/** The certificate given as PEM (cert and key), or a new one when either is missing. */
export async function serverCertificate(
  certPem: string | undefined,
  keyPem: string | undefined,
): Promise<ServerCertificate> {
  if (!certPem || !keyPem) return createServerCertificate();
  return { certPem, keyPem, der: Buffer.from(new NodeCertificate(certPem).raw) };
}
