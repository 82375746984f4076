// undici's connection Pool and ProxyAgent, and nothing else of undici: part of dist/undici-pool.js, which the
// transport loads on its first request (see network/dispatcher.ts). undici 7 has no exports map, so its files can
// be imported one by one; its index.js would also bring fetch, WebSocket, mocks, caches...
import type { Dispatcher as DispatcherType, Pool as PoolType, ProxyAgent as ProxyAgentType } from 'undici';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import UndiciPool from 'undici/lib/dispatcher/pool.js';
import UndiciProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import request from 'undici/lib/api/api-request.js';
import connect from 'undici/lib/api/api-connect.js';

// undici's index.js installs its API methods on every dispatcher: we use request(), and ProxyAgent uses connect()
// to open its tunnels (CONNECT). The same functions, so this is harmless when the whole of undici is loaded in the
// same process (as in tests).
if (typeof Dispatcher.prototype.request !== 'function') Dispatcher.prototype.request = request;
if (typeof Dispatcher.prototype.connect !== 'function') Dispatcher.prototype.connect = connect;

/** The part of undici's dispatchers the transport uses. */
export type RequestPool = Pick<DispatcherType, 'request' | 'close'>;
export const Pool: new (origin: string, options: PoolType.Options) => RequestPool = UndiciPool;
export const ProxyAgent: new (options: ProxyAgentType.Options) => RequestPool = UndiciProxyAgent;
