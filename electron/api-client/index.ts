export { createApiClient, DEFAULT_TIMEOUT_MS, type ApiClient, type ApiClientOptions } from './api-client';
export { detailText, fastApiFields, httpFailure, measureSkew, networkFailure } from './http-errors';
export type { ApiRequest, Auth, HttpMethod, RetryOptions } from './types';
