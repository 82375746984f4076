// The apps of an org: listing them (every page, by Link rel="next", never off the org), reading one, and finding the
// "Okta Workflows OAuth" app among them (the recipe is in discovery.ts).
import {
  isOAuthClientApp,
  looksLikeWorkflowsOAuthApp,
  toWorkflowsApp,
  uniqueById,
  WORKFLOWS_APP_NAME,
  WORKFLOWS_SEARCH,
  WORKFLOWS_SSO_APP_NAME,
} from './discovery.ts';
import { OktaError, isOktaError } from './errors.ts';
import { forEachPage, readAllPages, type PagedList } from './http/pages.ts';
import { parseResponse } from './http/parseResponse.ts';
import type { RequestLoop } from './http/requestLoop.ts';
import { assertAppId, listedIds, shownAppId } from './ids.ts';
import { ApplicationListSchema, ApplicationSchema, type Application, type WorkflowsApp } from './schemas.ts';

export interface AppQuery {
  q?: string;
  filter?: string;
  limit?: number;
}

export class OrgApps {
  readonly #http: RequestLoop;
  readonly #maxPages: number;

  /** `maxPages`: pages of a list followed at most. */
  constructor(http: RequestLoop, maxPages: number) {
    this.#http = http;
    this.#maxPages = maxPages;
  }

  list(query: AppQuery = {}, signal?: AbortSignal): Promise<Application[]> {
    return readAllPages(this.#http, this.#pages(query), signal);
  }

  /** The apps of `query`, page by page: only what `onPage` keeps stays in memory. */
  #forEachPage(query: AppQuery, onPage: (apps: readonly Application[]) => void, signal?: AbortSignal): Promise<void> {
    return forEachPage(this.#http, this.#pages(query), onPage, signal);
  }

  #pages(query: AppQuery): PagedList<Application> {
    const what = query.filter ? ` matching ${query.filter}` : query.q ? ` starting with "${query.q}"` : '';
    const first = this.#http.url('/api/v1/apps');
    if (query.q !== undefined) first.searchParams.set('q', query.q);
    if (query.filter !== undefined) first.searchParams.set('filter', query.filter);
    first.searchParams.set('limit', String(Math.min(200, Math.max(1, Math.floor(query.limit ?? 200)))));
    return {
      operation: `Listing apps${what}`,
      first,
      schema: ApplicationListSchema,
      maxPages: this.#maxPages,
      appsBucket: true,
    };
  }

  async get(appId: string, signal?: AbortSignal): Promise<Application> {
    const operation = `Reading app ${shownAppId(appId)}`;
    assertAppId(appId, operation, this.#http.org);
    const res = await this.#http.execute(
      {
        operation,
        method: 'GET',
        url: this.#http.url(`/api/v1/apps/${appId}`),
        tries: this.#http.readTries,
        appsBucket: true,
        authenticate: true,
        notFoundAdvice:
          "No app has this id in this org. Check the id (it is in the app's Admin Console URL) and the org.",
      },
      signal,
    );
    return parseResponse(operation, this.#http.org, res, ApplicationSchema);
  }

  /**
   * The "Okta Workflows OAuth" app: the given app id (checked to be an OAuth app), or discovered by name, then by
   * label / Workflows service domain. Throws notFound (none), or input (not an OAuth app; several candidates).
   */
  async findWorkflowsApp(opts: { appId?: string } = {}, signal?: AbortSignal): Promise<WorkflowsApp> {
    const operation = 'Finding the Okta Workflows OAuth app';
    const org = this.#http.org;
    if (opts.appId !== undefined) {
      const app = await this.get(opts.appId, signal);
      if (!isOAuthClientApp(app)) {
        const tile = app.name === WORKFLOWS_SSO_APP_NAME ? ' (it is the "Okta Workflows" sign-in tile)' : '';
        throw new OktaError({
          kind: 'input',
          operation,
          org,
          detail: `app ${app.id} "${app.label}" is not an OpenID Connect app with a client id${tile}`,
          advice:
            'Give the id of the "Okta Workflows OAuth" app (Admin Console > Applications), not the "Okta Workflows" tile.',
        });
      }
      return toWorkflowsApp(app);
    }

    // Only the apps that look like it are kept, page by page: a list of thousands costs one page of memory.
    const found: Application[] = [];
    const keep = (apps: readonly Application[]): void => {
      for (const app of apps) if (looksLikeWorkflowsOAuthApp(app)) found.push(app);
    };
    try {
      await this.#forEachPage({ filter: `name eq "${WORKFLOWS_APP_NAME}"` }, keep, signal);
    } catch (e) {
      // An org that refuses this filter still has the search below.
      if (!isOktaError(e, 'validation')) throw e;
    }
    if (found.length === 0) await this.#forEachPage({ q: WORKFLOWS_SEARCH }, keep, signal);
    const candidates = uniqueById(found);
    if (candidates.length === 1) return toWorkflowsApp(candidates[0]!);
    if (candidates.length === 0) {
      throw new OktaError({
        kind: 'notFound',
        operation,
        org,
        detail: 'no app named "flow" or labelled "Okta Workflows OAuth" with an OAuth client',
        advice:
          'If Workflows is enabled in this org, paste the app id of "Okta Workflows OAuth" or its Admin Console URL.',
      });
    }
    throw new OktaError({
      kind: 'input',
      operation,
      org,
      detail: `${candidates.length} apps look like it (${listedIds(candidates.map((a) => a.id))})`,
      advice: 'Paste the app id of the one Workflows uses, or its Admin Console URL.',
    });
  }
}
