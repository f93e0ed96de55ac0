export {
  createChutesClient,
  type AccountApi,
  type AccountScope,
  type ActingAs,
  type ChutesClient,
  type ServerApi,
} from './chutes-client';
export {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  MAX_RESPONSE_BYTES,
  type Answer,
  type Transport,
  type TransportOptions,
} from './transport';
export { detailText, fastApiFields, httpFailure, networkFailure } from './failure-map';
export { measureSkew } from './clock';
export type { ApiRequest, Auth, HttpMethod, RetryOptions } from './types';
