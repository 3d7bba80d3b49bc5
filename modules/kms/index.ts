export {
  checkEncryptionKeyProps,
  EncryptionKey,
  encryptionKeyProblems,
  KEY_ADMIN_ACTIONS,
  type CheckedEncryptionKeyProps,
  type EncryptionKeyProps,
  type KeyServiceGrant,
  type KeyUsage,
} from "./encryption-key";
export {
  KEY_LIFECYCLE_ACTIONS,
  keyAdministrationProblems,
  keyAdministrationStatements,
  roleArnAccount,
  type KeyAdministration,
} from "./administration";
