// The workflow dashboard: a list of runs (#/) and a run's page (#/run/<id>), read from the
// dashboard's API beside this script. Plain DOM, no dependencies.

const view = document.getElementById('view');
const LIVE_INTERVAL_MS = 2000;
let liveTimer = null;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function stateCell(state) {
  return element('span', { class: 'state state-' + state }, state);
}

function showError(error) {
  view.replaceChildren(element('p', { class: 'error', role: 'alert' }, error.message));
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
    element('label', {}, 'State', stateSelect(params.get('state') || '')),
    element('label', {}, 'Started from',
      element('input', { type: 'datetime-local', name: 'from', value: params.get('from') || '' })),
    element('label', {}, 'Started before',
      element('input', { type: 'datetime-local', name: 'before', value: params.get('before') || '' })),
    element('label', {}, 'Order', orderSelect(params.get('order') || 'desc')),
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
    element('td', { class: 'id' }, element('a', { href: '#/run/' + encodeURIComponent(run.id) }, run.id)),
    element('td', {}, run.name),
    element('td', {}, stateCell(run.state), run.stalled ? ' (stalled)' : ''),
    element('td', {}, time(run.createdAt)),
    element('td', {}, time(run.finishedAt))));
  const table = element('table', {},
    element('caption', {}, page.runs.length ? 'Runs' : 'No runs match'),
    element('thead', {}, element('tr', {},
      ...['Id', 'Workflow', 'State', 'Started', 'Finished'].map((name) => element('th', { scope: 'col' }, name)))),
    element('tbody', {}, ...rows));
  const nav = element('nav', { class: 'pages', 'aria-label': 'Pages' });
  if (page.nextCursor) {
    const next = new URLSearchParams(params);
    next.set('cursor', page.nextCursor);
    nav.append(element('a', { href: '#/?' + next, rel: 'next' }, 'Next page'));
  }
  view.replaceChildren(summary, form, table, nav);
}

function stateSelect(selected) {
  const select = element('select', { name: 'state' });
  for (const state of ['', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELED']) {
    const option = element('option', { value: state }, state || 'Any');
    option.selected = state === selected;
    select.append(option);
  }
  return select;
}

function stalledBox(checked) {
  const box = element('input', { type: 'checkbox', name: 'stalled', value: 'true' });
  box.checked = checked;
  return element('label', { class: 'check' }, box, 'Stalled only');
}

function orderSelect(selected) {
  const select = element('select', { name: 'order' });
  for (const [value, label] of [['desc', 'Newest first'], ['asc', 'Oldest first']]) {
    const option = element('option', { value }, label);
    option.selected = value === selected;
    select.append(option);
  }
  return select;
}

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  }
  catch (error) {
    return json;
  }
}

async function showRun(id) {
  const { run, parent, result, lastVersion, steps, children, pendingEvents } =
    await api('api/run?id=' + encodeURIComponent(id));
  const facts = element('dl', {},
    element('dt', {}, 'Workflow'), element('dd', {}, run.name),
    element('dt', {}, 'State'), element('dd', { id: 'run-state' }, stateCell(run.state)),
    element('dt', {}, 'Started'), element('dd', {}, time(run.createdAt)),
    element('dt', {}, 'Finished'), element('dd', {}, time(run.finishedAt)),
    element('dt', {}, 'Code version'), element('dd', {}, [run.startedVersion, lastVersion]
      .filter((version, index, versions) => version && versions.indexOf(version) === index).join(' → ')));
  if (parent) {
    facts.append(element('dt', {}, 'Parent'),
      element('dd', {}, element('a', { href: '#/run/' + encodeURIComponent(parent) }, parent)));
  }
  const parts = [element('h2', { class: 'id' }, run.id), facts];
  if (run.stalled) {
    parts.push(element('h3', {}, 'Stalled'), element('p', { class: 'stalled' }, run.stalled));
  }
  if (run.error) {
    parts.push(element('h3', {}, 'Error'), element('p', { class: 'error' }, run.error));
  }
  if (result) {
    parts.push(element('h3', {}, 'Result'), element('pre', {}, pretty(result)));
  }
  const rows = steps.map((step) => element('tr', {},
    element('td', {}, String(step.sequence)),
    element('td', {}, step.name),
    element('td', {}, step.state),
    element('td', {}, String(step.attempts)),
    element('td', {}, time(step.startedAt)),
    element('td', {}, step.error || (step.wakeAt ? 'until ' + time(step.wakeAt) : ''))));
  parts.push(element('table', { id: 'steps' },
    element('caption', {}, 'Steps'),
    element('thead', {}, element('tr', {},
      ...['#', 'Step', 'State', 'Attempts', 'Started', 'Error or wait'].map((name) => element('th', { scope: 'col' }, name)))),
    element('tbody', {}, ...rows)));
  if (children.length) {
    parts.push(element('table', { id: 'children' },
      element('caption', {}, 'Child workflows'),
      element('thead', {}, element('tr', {},
        ...['Id', 'Workflow', 'State', 'Started'].map((name) => element('th', { scope: 'col' }, name)))),
      element('tbody', {}, ...children.map((child) => element('tr', {},
        element('td', { class: 'id' }, element('a', { href: '#/run/' + encodeURIComponent(child.id) }, child.id)),
        element('td', {}, child.name),
        element('td', {}, stateCell(child.state)),
        element('td', {}, time(child.createdAt)))))));
  }
  const pending = Object.entries(pendingEvents);
  if (pending.length) {
    parts.push(element('h3', {}, 'Events sent, not received yet'),
      element('ul', { id: 'pending-events' }, ...pending.map(([name, count]) => element('li', {}, name + ': ' + count))));
  }
  parts.push(element('p', {}, element('a', { href: '#/' }, 'All runs')));
  view.replaceChildren(...parts);
  if (run.state === 'IN_PROGRESS') {
    liveTimer = setTimeout(() => route(), LIVE_INTERVAL_MS);
  }
}

async function route() {
  clearTimeout(liveTimer);
  const hash = location.hash.replace(/^#/, '') || '/';
  try {
    if (hash.startsWith('/run/')) {
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
