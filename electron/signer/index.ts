export { bytesEqual, parseHex32 } from './bytes';
export { buildSigningMessage, nonceFrom, sha256Hex, type SigningMessageInput } from './signing-message';
export { loadPublicKeyDeriver, loadSigner, signMessage, ss58FromSeed, type DerivePublicKey } from './sr25519';
export { decodeSs58, isValidSs58, SS58_FORMAT, type DecodedAddress } from './ss58';
export { signedHeaders, type SignedHeaders, type SignedHeadersInput } from './signed-headers';
