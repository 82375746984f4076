// The one global VS Code gives a webview: its handle on the host (postMessage) and on the page's saved state.
interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;
