// undici's connection Pool, and nothing else of undici: loaded by the transport on its first request (activation
// never loads it) and emitted by esbuild.mjs as its own file, dist/undici-pool.js. undici 7 has no exports map,
// so its files can be imported one by one; its index.js would also bring fetch, WebSocket, mocks, caches...
import type { Pool as PoolType } from 'undici';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import UndiciPool from 'undici/lib/dispatcher/pool.js';
import request from 'undici/lib/api/api-request.js';

// undici's index.js installs its API methods on every dispatcher; we use only request(). The same function, so
// this is harmless when the whole of undici is loaded in the same process (as in tests).
if (typeof Dispatcher.prototype.request !== 'function') Dispatcher.prototype.request = request;

/** The part of undici's Pool the transport uses. */
export type RequestPool = Pick<PoolType, 'request' | 'close' | 'destroy'>;
export const Pool: new (origin: string, options: PoolType.Options) => RequestPool = UndiciPool;
