export { EncryptionKey, type EncryptionKeyProps, type KeyServiceGrant, type KeyUsage } from "./encryption-key";
