// The Okta layer's public surface in one import, for callers that prefer it to the individual files (the benchmark
// bundles the layer from here).
export { OktaClient, ApiTokenAuth, oktaClientWithApiToken } from './client.ts';
export type { ApiCallLog, OktaClientOptions, CreatedSecret, CreateSecretOptions, RateLimitSnapshot } from './client.ts';
export type { Authenticator, AuthorizeRequest, UnauthorizedAnswer } from './auth.ts';
export { OktaError, isOktaError } from './errors.ts';
export type { OktaErrorKind, OktaErrorInit } from './errors.ts';
export { parseOrgInput, OKTA_DOMAINS } from './orgInput.ts';
export type { OrgAddress, ParseOrgInputOptions } from './orgInput.ts';
export { checkOrgOrigin, isLoopbackHost } from './orgOrigin.ts';
export { isAppId, isSecretId, assertAppId, assertSecretId } from './ids.ts';
export { findCreatedSecret } from './secretReconcile.ts';
export type { CreatedSecretSearch } from './secretReconcile.ts';
export type { SecretProbeResult } from './secretProbe.ts';
export type { Application, ClientSecret, WorkflowsApp, SecretStatus } from './schemas.ts';
export { ServiceAppAuth, SERVICE_APP_SCOPES } from './oauth/serviceAppAuth.ts';
export type { ServiceAppAuthOptions, ServiceAppCredentials } from './oauth/serviceAppAuth.ts';
export type { NetworkLog, NetworkOptions } from './network/networkOptions.ts';
export type { ProxySettings, ProxySupport } from './network/proxyResolution.ts';
