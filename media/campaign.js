// The campaign page: one row per org, the bulk actions over the selected rows, each row's own actions, and the
// history. It renders the view the host sends and posts the person's clicks; it holds no campaign logic and never
// sees a secret value (Copy New Secret runs in the extension host). DOM calls only (textContent, never innerHTML).
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const status = document.getElementById('status');
  const saved = vscode.getState() || {};
  let view = null;
  let seq = 0;
  let waiting = 0;
  /** Keys the person unticked: every row is selected unless unticked (new rows start selected). */
  const unselected = new Set(Array.isArray(saved.unselected) ? saved.unselected : []);

  const PHASES = [
    ['check', 'Check the orgs', 'search'],
    ['create', 'Create the new secrets', 'key'],
    ['verify', 'Verify the new secrets', 'verified'],
    ['retire', 'Retire the old secrets', 'trash'],
  ];
  const STATE_ICON = {
    notStarted: 'circle-large-outline',
    working: 'loading',
    ready: 'play-circle',
    needsYou: 'person',
    waiting: 'watch',
    failed: 'error',
    done: 'pass-filled',
    stopped: 'circle-slash',
  };
  const ROW_ICON = {
    run: 'play',
    connection: 'plug',
    confirm: 'check',
    acknowledge: 'warning',
    copyNewSecret: 'key',
    copy: 'copy',
    setCredential: 'key',
    openChecklist: 'checklist',
  };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'className') node.className = v;
      else if (k === 'onClick') node.addEventListener('click', v);
      else if (k === 'onChange') node.addEventListener('change', v);
      else if (k === 'checked') node.checked = Boolean(v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children || []) if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    return node;
  }
  function icon(name) {
    return el('span', {
      className: 'codicon codicon-' + name + (name === 'loading' ? ' codicon-modifier-spin' : ''),
      'aria-hidden': 'true',
    });
  }
  function button(label, codicon, onClick, kind, disabled) {
    return el('button', { type: 'button', className: kind || '', onClick, disabled: Boolean(disabled) }, [
      codicon ? icon(codicon) : null,
      el('span', { text: label }),
    ]);
  }
  function say(text) {
    status.textContent = text;
  }
  function request(req, busyText) {
    seq++;
    waiting++;
    if (busyText) say(busyText);
    vscode.postMessage({ type: 'request', seq, request: req });
  }
  function remember() {
    vscode.setState({ campaignId: view ? view.campaignId : saved.campaignId, unselected: [...unselected] });
  }
  function selected() {
    return view.rows.filter((r) => !unselected.has(r.key));
  }
  function offersPhase(row, phase) {
    return row.actions.some((a) => a.kind === 'run' && a.phase === phase);
  }

  function renderBulk() {
    const busy = Boolean(view.running);
    const pick = selected();
    const buttons = PHASES.map(([phase, label, codicon]) => {
      const n = pick.filter((r) => offersPhase(r, phase)).length;
      return button(
        label + ' (' + n + ')',
        codicon,
        () =>
          request({ kind: 'bulk', phase, orgs: pick.map((r) => r.key) }, label + ': waiting for your confirmation…'),
        '',
        busy || n === 0,
      );
    });
    buttons.push(button('End Campaign…', 'close', () => request({ kind: 'end' }), 'secondary', busy));
    return el(
      'div',
      { className: 'bulk', role: 'toolbar', 'aria-label': 'Bulk actions on the selected orgs' },
      buttons,
    );
  }

  function renderRowActions(row) {
    const busy = Boolean(view.running) || row.state === 'working';
    return el(
      'div',
      { className: 'row-actions' },
      row.actions.map((a) => {
        const req = { kind: 'row', org: row.key, action: rowRequest(a) };
        const quiet = a.kind === 'copy' || a.kind === 'openChecklist' || a.kind === 'copyNewSecret';
        return button(
          a.label,
          ROW_ICON[a.kind],
          () => request(req, row.label + ': ' + a.label + '…'),
          quiet ? 'secondary' : a.kind === 'acknowledge' ? 'danger' : '',
          busy && a.kind !== 'openChecklist',
        );
      }),
    );
  }
  function rowRequest(a) {
    const { label: _label, warning: _warning, ...rest } = a;
    return rest;
  }

  function renderNext(row) {
    const parts = [el('div', { text: row.next })];
    if (row.who === 'you' && row.manual && row.state === 'needsYou' && row.manual.newSecretMasked) {
      parts.push(
        el('dl', { className: 'manual' }, [
          el('dt', { text: 'Domain' }),
          el('dd', {}, [el('code', { text: row.manual.domain })]),
          el('dt', { text: 'Client ID' }),
          el('dd', {}, [el('code', { text: row.manual.clientId })]),
          el('dt', { text: 'New secret' }),
          el('dd', {}, [el('code', { text: row.manual.newSecretMasked })]),
        ]),
      );
    }
    return parts;
  }

  function renderTable() {
    const all = view.rows.length > 0 && view.rows.every((r) => !unselected.has(r.key));
    const head = el('tr', {}, [
      el('th', {}, [
        el('input', {
          type: 'checkbox',
          'aria-label': 'Select every org',
          checked: all,
          onChange: (e) => {
            for (const r of view.rows) {
              if (e.target.checked) unselected.delete(r.key);
              else unselected.add(r.key);
            }
            remember();
            render();
          },
        }),
      ]),
      ...['Org', 'Environment', 'State', 'Next action', 'Who', ''].map((t) => el('th', { text: t, scope: 'col' })),
    ]);
    const body = el('tbody');
    for (const row of view.rows) {
      const org = el('td', { className: 'org' }, [
        el('div', { className: 'label', text: row.label }),
        el('div', { className: 'key', text: row.key + (row.pairedWith ? ' · after ' + row.pairedWith : '') }),
      ]);
      body.appendChild(
        el('tr', { className: 'row state-' + row.state, 'data-key': row.key }, [
          el('td', {}, [
            el('input', {
              type: 'checkbox',
              'aria-label': 'Select ' + row.label,
              checked: !unselected.has(row.key),
              onChange: (e) => {
                if (e.target.checked) unselected.delete(row.key);
                else unselected.add(row.key);
                remember();
                render();
              },
            }),
          ]),
          org,
          el('td', { text: row.environment, className: row.environment === 'production' ? 'production' : '' }),
          el('td', { className: 'state' }, [
            icon(STATE_ICON[row.state] || 'circle-large-outline'),
            el('span', { text: row.status }),
          ]),
          el('td', { className: 'next' }, renderNext(row)),
          el('td', { className: 'who', text: row.who === 'you' ? 'You' : row.who === 'extension' ? 'Extension' : '' }),
          el('td', {}, [renderRowActions(row)]),
        ]),
      );
      if (row.error)
        body.appendChild(
          el('tr', { className: 'error-row' }, [
            el('td', {}),
            el('td', { colspan: '6' }, [
              el('p', { className: 'error-text', role: 'alert', text: row.label + ': ' + row.error.message }),
              el('p', { className: 'fix', text: 'Fix: ' + row.error.fix }),
            ]),
          ]),
        );
    }
    return el('table', { className: 'rows' }, [el('thead', {}, [head]), body]);
  }

  function renderHistory() {
    if (view.history.length === 0) return null;
    return el('section', { className: 'history', 'aria-label': 'History' }, [
      el('h2', { text: 'History' }),
      el(
        'ul',
        {},
        view.history.map((h) =>
          el('li', {}, [
            el('span', { className: 'when', text: h.when }),
            el('strong', { text: h.label }),
            ' ' + h.text,
          ]),
        ),
      ),
    ]);
  }

  function render() {
    root.textContent = '';
    if (!view) {
      root.appendChild(el('p', { text: 'Loading the campaign…' }));
      return;
    }
    const count = (state) => view.rows.filter((r) => r.state === state).length;
    root.appendChild(el('h1', { text: 'Rotate due secrets: ' + view.rows.length + ' orgs' }));
    root.appendChild(
      el('p', {
        className: 'meta',
        text:
          'Production orgs wait ' +
          view.soakHours +
          ' h after their preview org · ' +
          [
            count('done') + ' done',
            count('needsYou') + ' need you',
            count('waiting') + ' waiting',
            count('failed') + ' failed',
          ].join(' · '),
      }),
    );
    if (view.finished)
      root.appendChild(
        el('div', { className: 'banner info', role: 'status', text: 'Every rotation of this campaign has ended.' }),
      );
    root.appendChild(renderBulk());
    if (view.running)
      root.appendChild(el('p', { className: 'running', role: 'status' }, [icon('loading'), ' ' + view.running + '…']));
    root.appendChild(renderTable());
    const history = renderHistory();
    if (history) root.appendChild(history);
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'state' && msg.view && Array.isArray(msg.view.rows)) {
      view = msg.view;
      remember();
      render();
    } else if (msg.type === 'reply' && typeof msg.seq === 'number') {
      waiting = Math.max(0, waiting - 1);
      if (typeof msg.message === 'string') say(msg.message);
      else if (waiting === 0) say('');
    }
  });

  render();
  vscode.postMessage({ type: 'ready' });
})();
