// The Okta layer's public surface in one import, for callers that prefer it to the individual files.
export { OktaClient, ApiTokenAuth, oktaClientWithApiToken } from './client.ts';
export type { ApiCallLog, OktaClientOptions, CreatedSecret, RateLimitSnapshot } from './client.ts';
export type { Authenticator, AuthorizeRequest } from './auth.ts';
export { OktaError, isOktaError } from './errors.ts';
export type { OktaErrorKind, OktaErrorInit } from './errors.ts';
export { parseOrgInput, OKTA_DOMAINS } from './orgInput.ts';
export type { OrgAddress, ParseOrgInputOptions } from './orgInput.ts';
export { isAppId, isSecretId, assertAppId, assertSecretId } from './ids.ts';
export type { SecretProbeResult } from './secretProbe.ts';
export type { Application, ClientSecret, WorkflowsApp, SecretStatus } from './schemas.ts';
export { ServiceAppAuth, SERVICE_APP_SCOPES } from './oauth/serviceAppAuth.ts';
export type { ServiceAppAuthOptions, ServiceAppCredentials } from './oauth/serviceAppAuth.ts';
export type { UnauthorizedAnswer } from './auth.ts';
export type { NetworkLog, NetworkOptions } from './network/networkOptions.ts';
export type { ProxySettings, ProxySupport } from './network/proxyResolution.ts';
