// The rotation checklist page. It renders the engine's snapshot and posts the person's clicks; it holds no
// rotation logic and never sees a secret value (Copy New Secret and the in-use prompt run in the extension host).
// Built with DOM calls only (textContent, never innerHTML), so nothing from a snapshot is parsed as markup.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const status = document.getElementById('status');
  let seq = 0;
  let snapshot = null;
  let orgLabel = '';
  let running = false;
  const pending = new Map();

  const STATE_ICON = {
    pending: 'circle-large-outline',
    running: 'loading',
    done: 'pass-filled',
    failed: 'error',
    skipped: 'debug-step-over',
  };
  const MODE_LABEL = { newConnection: 'Create a new connection', reauthorize: 'Re-authorize the existing connection' };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'className') node.className = v;
      else if (k === 'onClick') node.addEventListener('click', v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children || []) if (c) node.appendChild(c);
    return node;
  }
  function icon(name, spin) {
    return el('span', {
      className: 'codicon codicon-' + name + (spin ? ' codicon-modifier-spin' : ''),
      'aria-hidden': 'true',
    });
  }
  function button(label, codicon, onClick, kind) {
    const b = el('button', { type: 'button', className: kind || '', onClick, disabled: running && kind !== 'cancel' }, [
      codicon ? icon(codicon) : null,
      el('span', { text: label }),
    ]);
    return b;
  }
  function say(text) {
    status.textContent = text;
  }

  function request(req, busyText) {
    const n = ++seq;
    pending.set(n, busyText || '');
    if (busyText) say(busyText);
    vscode.postMessage({ type: 'request', seq: n, request: req });
  }
  function act(action, busyText) {
    request({ kind: 'action', action }, busyText);
  }
  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString();
  }

  function renderResult(result) {
    if (!result) return null;
    const entries = Object.entries(result);
    if (entries.length === 0) return null;
    const dl = el('dl', { className: 'result' });
    for (const [k, v] of entries) {
      dl.appendChild(el('dt', { text: k + ':' }));
      dl.appendChild(el('dd', { text: Array.isArray(v) ? v.join(', ') : String(v) }));
    }
    return dl;
  }

  function renderManual(step) {
    if (step.kind !== 'manual' || !step.current || step.id === 'deleteOldConnection') return null;
    const m = snapshot.manual;
    const rows = [
      ['Domain', m.domain, button('Copy', 'copy', () => request({ kind: 'copyText', field: 'domain' }), 'secondary')],
      [
        'Client ID',
        m.clientId,
        button('Copy', 'copy', () => request({ kind: 'copyText', field: 'clientId' }), 'secondary'),
      ],
    ];
    if (step.id === 'newConnection') {
      rows.push([
        'Client secret',
        m.newSecretMasked || '(not created yet)',
        button('Copy New Secret', 'key', () => request({ kind: 'copyNewSecret' }, 'Copying the new secret…')),
      ]);
    }
    const table = el(
      'table',
      {},
      rows.map(([k, v, b]) =>
        el('tr', {}, [el('th', { scope: 'row', text: k }), el('td', {}, [el('code', { text: v })]), el('td', {}, [b])]),
      ),
    );
    const link = m.workflowsConsoleUrl
      ? button('Open the Workflows console', 'link-external', () => request({ kind: 'openConsole' }), 'secondary')
      : el('p', { text: 'Open your Workflows console (its address could not be derived from this org domain).' });
    return el('div', { className: 'enter' }, [
      el('p', { text: 'Enter exactly this in the Workflows console (Connections → Okta):' }),
      table,
      link,
    ]);
  }

  function renderAction(a) {
    switch (a.type) {
      case 'run':
        return button(a.label, 'play', () => act({ type: 'run', step: a.step }, a.label + '…'));
      case 'confirm':
        return button(a.label, 'check', () => act({ type: 'confirm', step: a.step }));
      case 'chooseMode':
        return el(
          'div',
          { className: 'actions', role: 'group', 'aria-label': 'How to set up the connection' },
          a.options.map((mode) =>
            button(
              MODE_LABEL[mode] || mode,
              a.current === mode ? 'pass-filled' : 'circle-large-outline',
              () => act({ type: 'chooseMode', mode }),
              a.current === mode ? '' : 'secondary',
            ),
          ),
        );
      case 'retire':
        return button(
          'Retire ' + a.masked + ' (' + (a.reason === 'inactive' ? 'inactive' : 'not in use') + ')',
          'trash',
          () => act({ type: 'retire', secretId: a.secretId }),
          'danger',
        );
      case 'identifyInUse':
        return button('Identify the secret in use…', 'search', () => request({ kind: 'identifyInUse' }));
      case 'override':
        return button(
          'Override: continue without a verified new secret…',
          'warning',
          () => act({ type: 'override', guard: a.guard }),
          'danger',
        );
      case 'acknowledge':
        return button(
          'Acknowledge and continue…',
          'warning',
          () => act({ type: 'acknowledge', guard: a.guard }),
          'danger',
        );
      case 'rollback':
        return button(
          'Roll back (reactivate the old secret)…',
          'discard',
          () => act({ type: 'rollback' }, 'Rolling back…'),
          'secondary',
        );
      case 'abandon':
        return button('Abandon the rotation…', 'close', () => act({ type: 'abandon' }), 'secondary');
      default:
        return null;
    }
  }

  function render() {
    root.textContent = '';
    if (!snapshot) {
      root.appendChild(el('p', { text: 'Loading the rotation…' }));
      return;
    }
    const s = snapshot;
    root.appendChild(el('h1', { text: 'Rotate the Workflows secret: ' + orgLabel }));
    root.appendChild(
      el('p', {
        className: 'meta',
        text:
          s.org.host +
          ' · ' +
          s.environment +
          ' · ' +
          s.app.label +
          ' · client id ' +
          s.app.clientId +
          ' · ' +
          s.outcome,
      }),
    );
    if (s.environment === 'production')
      root.appendChild(
        el('div', { className: 'banner', role: 'note', text: 'Production org: every change here affects live flows.' }),
      );
    const global = s.nextActions.filter(
      (a) => a.type === 'acknowledge' || a.type === 'rollback' || a.type === 'abandon',
    );
    for (const a of global) {
      if (a.warning)
        root.appendChild(el('div', { className: 'banner' }, [el('p', { text: a.warning }), renderAction(a)]));
    }
    if (s.report.length > 0)
      root.appendChild(
        el(
          'div',
          { className: 'banner info', role: 'status' },
          s.report.map((r) => el('p', { text: r })),
        ),
      );
    const list = el('ol', { className: 'steps' });
    s.steps.forEach((step, i) => {
      const stateIcon = icon(STATE_ICON[step.state] || 'circle-large-outline', step.state === 'running');
      const head = el('div', { className: 'step-head' }, [
        el('span', { className: 'state state-' + step.state }, [stateIcon]),
        el('span', {
          className: 'title',
          text: i + 1 + '. ' + step.label + (step.kind === 'manual' ? ' (in the Workflows console)' : ''),
        }),
        el('span', {
          className: 'state state-' + step.state,
          text:
            step.state + (step.endedAt ? ' ' + time(step.endedAt) : step.startedAt ? ' ' + time(step.startedAt) : ''),
        }),
      ]);
      const children = [head];
      if (step.current || step.state === 'failed')
        children.push(el('p', { className: 'desc', text: step.description }));
      children.push(renderResult(step.result));
      if (step.error)
        children.push(
          el('p', {
            className: 'error-text',
            role: 'alert',
            text:
              step.error.message +
              (step.error.errorId && step.error.message.indexOf(step.error.errorId) < 0
                ? ' Okta errorId: ' + step.error.errorId
                : ''),
          }),
        );
      children.push(renderManual(step));
      if (step.current) {
        const own = s.nextActions.filter((a) => global.indexOf(a) < 0).map(renderAction);
        if (running) own.push(button('Cancel', 'stop-circle', () => request({ kind: 'cancel' }), 'cancel'));
        children.push(el('div', { className: 'actions' }, own));
      }
      list.appendChild(
        el(
          'li',
          { className: 'step' + (step.current ? ' current' : ''), 'aria-current': step.current ? 'step' : undefined },
          children,
        ),
      );
    });
    root.appendChild(list);
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    if (
      msg.type === 'snapshot' &&
      msg.snapshot &&
      Array.isArray(msg.snapshot.steps) &&
      Array.isArray(msg.snapshot.nextActions)
    ) {
      snapshot = msg.snapshot;
      orgLabel = typeof msg.orgLabel === 'string' ? msg.orgLabel : snapshot.org.host;
      vscode.setState({ rotationId: snapshot.rotationId });
      const focused = document.activeElement && document.activeElement.textContent;
      render();
      // Keep keyboard focus on the same button across re-renders when it still exists.
      if (focused)
        for (const b of root.querySelectorAll('button'))
          if (b.textContent === focused) {
            b.focus();
            break;
          }
    } else if (msg.type === 'reply' && typeof msg.seq === 'number') {
      pending.delete(msg.seq);
      if (typeof msg.message === 'string') say(msg.message);
      else if (msg.ok && pending.size === 0) say('');
    } else if (msg.type === 'progress' && typeof msg.running === 'boolean') {
      running = msg.running;
      if (typeof msg.label === 'string') say(msg.label);
      render();
    }
  });

  render();
  vscode.postMessage({ type: 'ready' });
})();
