// The workflow dashboard: a list of runs (#/), a run's page (#/run/<id>) and an overview
// (#/overview), read from the
// dashboard's API beside this script. Plain DOM, no dependencies.

const view = document.getElementById('view');
const STATES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED'];
// The header every action carries: another site's page cannot send it (see DashboardAccess).
const ACTION_HEADER = 'X-Workflow-Dashboard';
let access = null;
let stream = null;
let refresh = null;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  }
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  const body = response.status === 204 ? null : await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error((body && (body.error || body.message)) || response.status + ' ' + response.statusText);
  }
  return body;
}

// Sends an action with the dashboard's header and, where Spring Security asks for one, its CSRF token.
function act(path, body) {
  const headers = { [ACTION_HEADER]: 'action', 'Content-Type': 'application/json' };
  if (access.csrf) {
    headers[access.csrf.header] = access.csrf.token;
  }
  return api(path, { method: 'POST', headers, body: body ?? '' });
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function duration(from, to) {
  if (!from || !to) {
    return '';
  }
  const millis = new Date(to) - new Date(from);
  return millis < 1000 ? millis + ' ms' : (millis / 1000).toFixed(1) + ' s';
}

function stateCell(state) {
  return element('span', { class: 'state state-' + state }, state);
}

function runLink(id) {
  return element('a', { href: '#/run/' + encodeURIComponent(id) }, id);
}

function table(id, caption, headers, rows) {
  return element('table', { id },
    element('caption', {}, caption),
    element('thead', {}, element('tr', {}, ...headers.map((name) => element('th', { scope: 'col' }, name)))),
    element('tbody', {}, ...rows));
}

function showError(error) {
  view.replaceChildren(element('p', { class: 'error', role: 'alert' }, error.message),
    element('p', {}, element('a', { href: '#/' }, 'All runs')));
}

// The list's filters as the page shows them (local date and time) and as the API takes them.
function apiQuery(params) {
  const query = new URLSearchParams(params);
  for (const name of ['from', 'before']) {
    if (query.get(name)) {
      query.set(name, new Date(query.get(name)).toISOString());
    }
  }
  return query;
}

async function showList(params) {
  const query = apiQuery(params);
  const [page, counts] = await Promise.all([api('api/runs?' + query), api('api/counts')]);
  const summary = element('ul', { class: 'counts', 'aria-label': 'Runs by state' },
    ...Object.entries(counts).map(([state, count]) => {
      const filter = new URLSearchParams({ state });
      return element('li', {}, element('a', { href: '#/?' + filter, 'data-state': state },
        stateCell(state), ' ', element('span', { class: 'count' }, String(count))));
    }));
  const form = element('form', { class: 'filters', role: 'search' },
    element('label', {}, 'Workflow name', element('input', { name: 'name', value: params.get('name') || '' })),
    element('label', {}, 'Id or its start', element('input', { name: 'id', value: params.get('id') || '' })),
    element('label', {}, 'State', select('state', [['', 'Any'], ...STATES.map((state) => [state, state])],
      params.get('state') || '')),
    element('label', {}, 'Started from',
      element('input', { type: 'datetime-local', name: 'from', value: params.get('from') || '' })),
    element('label', {}, 'Started before',
      element('input', { type: 'datetime-local', name: 'before', value: params.get('before') || '' })),
    element('label', {}, 'Order', select('order', [['desc', 'Newest first'], ['asc', 'Oldest first']],
      params.get('order') || 'desc')),
    stalledBox(params.get('stalled') === 'true'),
    element('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value) {
        filters.set(name, value);
      }
    }
    location.hash = '#/?' + filters;
  });
  const rows = page.runs.map((run) => element('tr', {},
    element('td', { class: 'id' }, runLink(run.id)),
    element('td', {}, run.name),
    element('td', {}, stateCell(run.state), run.stalled ? ' (stalled)' : ''),
    element('td', {}, time(run.createdAt)),
    element('td', {}, time(run.finishedAt))));
  const list = table('runs', page.runs.length ? 'Runs' : 'No runs match',
    ['Id', 'Workflow', 'State', 'Started', 'Finished'], rows);
  const nav = element('nav', { class: 'pages', 'aria-label': 'Pages' });
  if (page.nextCursor) {
    const next = new URLSearchParams(params);
    next.set('cursor', page.nextCursor);
    nav.append(element('a', { href: '#/?' + next, rel: 'next' }, 'Next page'));
  }
  view.replaceChildren(summary, form, list, nav);
}

function select(name, options, selected, attributes = {}) {
  const node = element('select', { name, ...attributes });
  for (const [value, label] of options) {
    const option = element('option', { value }, label);
    option.selected = value === selected;
    node.append(option);
  }
  return node;
}

function stalledBox(checked) {
  const box = element('input', { type: 'checkbox', name: 'stalled', value: 'true' });
  box.checked = checked;
  return element('label', { class: 'check' }, box, 'Stalled only');
}

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  }
  catch (error) {
    return json;
  }
}

// What a run in progress waits for, from its last step.
function waitingFor(steps) {
  const last = steps[steps.length - 1];
  if (!last || (last.state !== 'WAITING' && last.state !== 'RUNNING')) {
    return '';
  }
  if (last.name.startsWith('awaitEvent:')) {
    return 'event ' + last.name.substring('awaitEvent:'.length);
  }
  if (last.name.startsWith('child:')) {
    return 'child workflow ' + last.name.substring('child:'.length);
  }
  if (last.state === 'WAITING') {
    return (last.wakeAt ? 'its time, ' + time(last.wakeAt) : 'its time') + ' (' + last.name + ')';
  }
  return 'step ' + last.name + ' to finish';
}

function descendants(children) {
  return children.flatMap((child) => [child.run, ...descendants(child.children)]);
}

function tree(children) {
  return element('ul', {}, ...children.map((child) => element('li', {},
    runLink(child.run.id), ' ', child.run.name, ' ', stateCell(child.run.state),
    child.children.length ? tree(child.children) : '')));
}

function details(page) {
  const { run, parent, result, lastVersion, deadline, forkedFrom, steps, children, events } = page;
  const facts = element('dl', {},
    element('dt', {}, 'Workflow'), element('dd', {}, run.name),
    element('dt', {}, 'State'), element('dd', { id: 'run-state' }, stateCell(run.state)),
    element('dt', {}, 'Started'), element('dd', {}, time(run.createdAt)),
    element('dt', {}, 'Finished'), element('dd', {}, time(run.finishedAt)),
    element('dt', {}, 'Code version'), element('dd', {}, [run.startedVersion, lastVersion]
      .filter((version, index, versions) => version && versions.indexOf(version) === index).join(' → ')));
  if (run.state === 'IN_PROGRESS') {
    facts.append(element('dt', {}, 'Waiting for'), element('dd', { id: 'waiting-for' }, waitingFor(steps)));
  }
  if (deadline) {
    facts.append(element('dt', {}, 'Deadline'), element('dd', { id: 'deadline' }, time(deadline)));
  }
  if (parent) {
    facts.append(element('dt', {}, 'Parent'), element('dd', {}, runLink(parent)));
  }
  if (forkedFrom) {
    facts.append(element('dt', {}, 'Forked from'), element('dd', { id: 'forked-from' }, runLink(forkedFrom)));
  }
  const parts = [facts];
  if (run.stalled) {
    parts.push(element('h3', {}, 'Stalled'), element('p', { class: 'stalled' }, run.stalled));
  }
  if (run.error) {
    parts.push(element('h3', {}, run.state === 'CANCELED' ? 'Why it was canceled' : 'Error'),
      element('p', { class: 'error' }, run.error));
  }
  if (result) {
    parts.push(element('h3', {}, 'Result'), element('pre', { id: 'result' }, pretty(result)));
  }
  parts.push(table('steps', 'Steps', ['#', 'Step', 'State', 'Attempts', 'Started', 'Took', 'Error or wait'],
    steps.map((step) => element('tr', {},
      element('td', {}, String(step.sequence)),
      element('td', {}, step.name),
      element('td', {}, step.state),
      element('td', {}, String(step.attempts)),
      element('td', {}, time(step.startedAt)),
      element('td', {}, duration(step.startedAt, step.finishedAt)),
      element('td', {}, step.error || (step.wakeAt ? 'until ' + time(step.wakeAt) : ''))))));
  if (children.length) {
    parts.push(element('h3', {}, 'Child workflows'), element('div', { id: 'children' }, tree(children)));
  }
  if (events.length) {
    parts.push(table('events', 'Events', ['Event', 'State', 'Created', 'Sent', 'Received', 'Error'],
      events.map((event) => element('tr', {},
        element('td', {}, event.name),
        element('td', {}, event.state === 'SENT' ? 'sent, not received yet' : event.state.toLowerCase()),
        element('td', {}, time(event.createdAt)),
        element('td', {}, time(event.sentAt)),
        element('td', {}, time(event.consumedAt)),
        element('td', {}, event.error || '')))));
  }
  return parts;
}

// The actions the user may take on the run as it is now; status tells how the last one went.
function actions(page, status, apply) {
  const { run } = page;
  const allowed = access.actions;
  const parts = [];
  if (run.state === 'IN_PROGRESS' && allowed.cancel) {
    parts.push(cancelAction(page, status, apply));
  }
  if (run.state === 'IN_PROGRESS' && allowed.event) {
    parts.push(eventForm(page, status));
  }
  if ((run.state === 'FAILED' || run.state === 'CANCELED') && allowed.resume) {
    parts.push(resumeAction(page, status, apply));
  }
  if (allowed.fork) {
    parts.push(forkForm(page, status));
  }
  if (run.state !== 'IN_PROGRESS' && allowed.cleanup) {
    parts.push(cleanupAction(run, status));
  }
  return parts.length ? element('section', { id: 'actions', 'aria-label': 'Actions' },
    element('h3', {}, 'Actions'), ...parts) : element('section', { id: 'actions', hidden: true });
}

function cancelAction(page, status, apply) {
  const inProgress = descendants(page.children).filter((child) => child.state === 'IN_PROGRESS');
  const confirm = element('div', { class: 'confirm', hidden: true },
    element('p', { id: 'cancel-cascade' }, inProgress.length
      ? 'Canceling it also cancels ' + inProgress.length + ' child workflow(s) in progress: '
        + inProgress.map((child) => child.id).join(', ')
      : 'It has no child workflows in progress.'),
    element('button', { type: 'button', id: 'confirm-cancel' }, 'Cancel the run'));
  const button = element('button', { type: 'button', id: 'cancel' }, 'Cancel…');
  button.addEventListener('click', () => confirm.hidden = false);
  confirm.querySelector('button').addEventListener('click', () =>
    perform(status, async () => apply(await act('api/run/cancel?id=' + encodeURIComponent(page.run.id))),
      'Canceled'));
  return element('div', { class: 'action' }, button, confirm);
}

// Goes on where the run stopped, and follows it again.
function resumeAction(page, status, apply) {
  const button = element('button', { type: 'button', id: 'resume' }, 'Resume where it stopped');
  button.addEventListener('click', () => perform(status, async () => {
    apply(await act('api/run/resume?id=' + encodeURIComponent(page.run.id)));
    follow(page.run.id, apply);
  }, 'Resumed'));
  return element('div', { class: 'action' }, button);
}

// A new run from a copy of the steps before a position: by default the first one that has
// not completed.
function forkForm(page, status) {
  const unfinished = page.steps.findIndex((step, index) => step.sequence !== index || step.state !== 'COMPLETED');
  const from = element('input', { type: 'number', id: 'fork-from', name: 'fromStep', min: 0,
    max: page.steps.length, required: true, value: unfinished < 0 ? page.steps.length : unfinished });
  const form = element('form', { id: 'fork' },
    element('h4', {}, 'Fork'),
    element('label', {}, 'Run afresh from step', from),
    element('button', { type: 'submit' }, 'Start the fork'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    perform(status, async () => {
      const fork = await act('api/run/fork?id=' + encodeURIComponent(page.run.id)
        + '&fromStep=' + encodeURIComponent(from.value));
      location.hash = '#/run/' + encodeURIComponent(fork.run.id);
    }, 'Forked');
  });
  return form;
}

function cleanupAction(run, status) {
  const button = element('button', { type: 'button', id: 'cleanup' }, 'Delete the run and its journal');
  button.addEventListener('click', () => perform(status, async () => {
    await act('api/run/cleanup?id=' + encodeURIComponent(run.id));
    location.hash = '#/';
  }, 'Deleted'));
  return element('div', { class: 'action' }, button);
}

function eventForm(page, status) {
  const expectations = new Map(page.expectations.map((expectation) => [expectation.name, expectation]));
  const names = [...expectations.keys()];
  const name = element('input', { name: 'event', id: 'event-name', list: 'declared-events', required: true,
    value: names[0] || '' });
  const declared = element('datalist', { id: 'declared-events' },
    ...names.map((event) => element('option', { value: event })));
  const value = element('textarea', { name: 'value', id: 'event-value', rows: 4, cols: 50,
    'aria-describedby': 'event-expects' });
  const expects = element('div', { id: 'event-expects' });
  const describe = () => {
    const expectation = expectations.get(name.value);
    expects.replaceChildren(...expectationParts(expectation));
    if (expectation && !value.dataset.edited) {
      value.value = expectation.example;
    }
  };
  name.addEventListener('input', describe);
  value.addEventListener('input', () => value.dataset.edited = 'true');
  const form = element('form', { id: 'send-event' },
    element('h4', {}, 'Send an event'),
    element('label', {}, 'Event', name), declared,
    element('label', {}, 'Value (JSON, empty for none)', value), expects,
    element('button', { type: 'submit' }, 'Send'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    perform(status, () => act('api/run/event?id=' + encodeURIComponent(page.run.id)
      + '&name=' + encodeURIComponent(name.value), value.value), 'Sent ' + name.value);
  });
  describe();
  return form;
}

function expectationParts(expectation) {
  if (!expectation) {
    return [element('p', {}, 'The workflow declares no event of this name: any JSON value is sent as it is.')];
  }
  const parts = [element('p', {}, 'Expects a ', element('code', {}, expectation.type),
    expectation.properties.length ? ':' : '.')];
  if (expectation.properties.length) {
    parts.push(element('ul', { class: 'expects' }, ...expectation.properties.map((property) => element('li', {},
      element('code', {}, property.name), ' ', property.type, ' ', property.constraints.join(' ')))));
  }
  return parts;
}

async function perform(status, action, done) {
  status.className = '';
  status.textContent = '…';
  try {
    await action();
    status.textContent = done;
  }
  catch (error) {
    status.className = 'error';
    status.textContent = error.message;
  }
}

async function showRun(id) {
  let page = await api('api/run?id=' + encodeURIComponent(id));
  const container = element('div', { id: 'run-details' });
  const status = element('p', { id: 'action-status', role: 'status' });
  let panel = null;
  // Shows the run as read now: the actions again only when what they offer changed, so
  // that nothing typed into the event form is lost.
  const apply = (next) => {
    const offered = (shown) => JSON.stringify([shown.run.state, shown.expectations,
      descendants(shown.children).filter((child) => child.state === 'IN_PROGRESS').map((child) => child.id)]);
    if (!panel || offered(next) !== offered(page)) {
      const replaced = actions(next, status, apply);
      if (panel) {
        panel.replaceWith(replaced);
      }
      panel = replaced;
    }
    page = next;
    container.replaceChildren(...details(page));
    if (page.run.state !== 'IN_PROGRESS') {
      stop();
    }
  };
  apply(page);
  view.replaceChildren(element('h2', { class: 'id' }, page.run.id), panel, status, container,
    element('p', {}, element('a', { href: '#/' }, 'All runs')));
  if (page.run.state === 'IN_PROGRESS') {
    follow(id, apply);
  }
}

const SVG = 'http://www.w3.org/2000/svg';
const OVERVIEW_REFRESH_MS = 10000;
const SERIES = [['started', 'Started'], ['completed', 'Completed'], ['failed', 'Failed']];

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// Runs started, completed and failed per minute: three bars a minute, oldest minute left.
function chart(minutes) {
  const width = 720;
  const height = 160;
  const slot = width / minutes.length;
  const highest = Math.max(1, ...minutes.flatMap((minute) => SERIES.map(([key]) => minute[key])));
  const bars = minutes.flatMap((minute, index) => SERIES.map(([key, label], series) => {
    const barHeight = (minute[key] / highest) * (height - 20);
    return svg('rect', { class: 'bar-' + key, x: index * slot + series * (slot / 3), y: height - barHeight,
      width: slot / 3, height: barHeight }, svg('title', {}, time(minute.minute) + ': ' + minute[key] + ' ' + label.toLowerCase()));
  }));
  const total = (key) => minutes.reduce((sum, minute) => sum + minute[key], 0);
  return svg('svg', { id: 'per-minute', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    'aria-label': 'Runs per minute over the last hour: ' + SERIES.map(([key, label]) => total(key) + ' '
      + label.toLowerCase()).join(', ') + '; highest minute ' + highest },
    svg('text', { x: 0, y: 12, class: 'axis' }, String(highest)), ...bars);
}

async function showOverview() {
  const overview = await api('api/overview');
  const total = (key) => overview.minutes.reduce((sum, minute) => sum + minute[key], 0);
  const figures = element('ul', { class: 'counts', id: 'now', 'aria-label': 'Now' },
    ...[['In progress', overview.inProgress, 'state=IN_PROGRESS'], ['Waiting', overview.waiting, null],
      ['Due', overview.due, null], ['Stalled', overview.stalled, 'stalled=true'], ['Failed', overview.failed,
        'state=FAILED']].map(([label, count, filter]) => element('li', { 'data-figure': label },
      filter ? element('a', { href: '#/?' + filter }, label) : label, ' ',
      element('span', { class: 'count' }, String(count)))));
  const legend = element('ul', { class: 'legend' }, ...SERIES.map(([key, label]) =>
    element('li', { class: 'key-' + key, 'data-series': key }, label + ': ' + total(key))));
  const minutes = overview.minutes.filter((minute) => minute.started || minute.completed || minute.failed);
  const perMinute = element('details', {}, element('summary', {}, 'Minute by minute'),
    table('minutes', minutes.length ? 'Runs per minute' : 'No run started or finished in the last hour',
      ['Minute', 'Started', 'Completed', 'Failed'], minutes.map((minute) => element('tr', {},
        element('td', {}, time(minute.minute)), element('td', {}, String(minute.started)),
        element('td', {}, String(minute.completed)), element('td', {}, String(minute.failed))))));
  const nodes = table('nodes', 'Nodes sharing the database', ['Node', 'Since', 'Runs held'],
    overview.nodes.map((node) => element('tr', {},
      element('td', { class: 'id' }, node.node + (node.node === overview.thisNode ? ' (this node)' : '')),
      element('td', {}, time(node.since)), element('td', {}, String(node.holds)))));
  view.replaceChildren(element('h2', {}, 'Overview'), figures,
    element('h3', {}, 'The last hour'), legend, chart(overview.minutes), perMinute, nodes,
    element('p', { class: 'as-of' }, 'As of ' + time(overview.asOf)));
  refresh = setTimeout(route, OVERVIEW_REFRESH_MS);
}

// Follows a run in progress through its stream until it has finished.
function follow(id, update) {
  stream = new EventSource('api/run/stream?id=' + encodeURIComponent(id));
  stream.addEventListener('workflow', (message) => update(JSON.parse(message.data)));
}

function stop() {
  clearTimeout(refresh);
  if (stream) {
    stream.close();
    stream = null;
  }
}

async function route() {
  stop();
  const hash = location.hash.replace(/^#/, '') || '/';
  try {
    access = access || await api('api/access');
    if (hash === '/overview') {
      await showOverview();
    }
    else if (hash.startsWith('/run/')) {
      await showRun(decodeURIComponent(hash.substring('/run/'.length)));
    }
    else {
      await showList(new URLSearchParams(hash.split('?')[1] || ''));
    }
  }
  catch (error) {
    showError(error);
  }
}

window.addEventListener('hashchange', route);
route();
