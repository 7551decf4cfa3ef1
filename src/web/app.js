/** Entry point: draws the national view and starts the trust view. `data-state` on <html> tells tests when it is done. */

import { renderNationalView } from './national-view.js';
import { message } from './panel.js';
import { startTrustView } from './trust-filters.js';

const byId = (id) => document.getElementById(id);
let pending = 0;
const setState = (state) => {
  document.documentElement.dataset.state = state;
};

async function track(work) {
  pending++;
  setState('loading');
  try {
    await work();
  } finally {
    if (--pending === 0) setState('ready');
  }
}

track(() => renderNationalView(byId('national-panels')));
track(() =>
  startTrustView({
    form: byId('trust-filters'),
    trustSelect: byId('trust-select'),
    groupSelect: byId('group-select'),
    monthSelect: byId('month-select'),
    status: byId('trust-status'),
    root: byId('trust-panels'),
    onState: (state) => {
      if (pending === 0) setState(state);
    },
  }).catch((error) => {
    byId('trust-panels').replaceChildren(message(`The trust view could not be loaded: ${error.message}`, 'error'));
  }),
);
