export { buildSigningMessage, nonceFrom, sha256Hex, type SigningMessageInput } from './signing-message';
export { loadSigner, signMessage, ss58FromSeed, SS58_FORMAT } from './sr25519';
export { decodeSs58, isValidSs58 } from './ss58';
export { signedHeaders, type SignedHeaders, type SignedHeadersInput } from './signed-headers';
