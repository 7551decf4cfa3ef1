/**
 * Entry point: asks for an API key when the API wants one, then draws the national view and starts
 * the trust view. `data-state` on <html> tells tests when it is done (`key-needed` while it waits
 * for a key).
 */

import { API_KEY_PATTERN, ApiError, apiKey, getJson } from './api.js';
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

/** False when the API refuses this tab (no key, or a key it does not accept); other failures are the views' to show. */
async function keyAccepted() {
  try {
    await getJson('/v1/alerts?limit=1');
    return true;
  } catch (error) {
    return !(error instanceof ApiError && error.status === 401);
  }
}

/** Shows `text` as the key form's error, tied to the input so it is read with it. */
function showKeyError(input, text) {
  const error = byId('api-key-error');
  error.textContent = text;
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', 'api-key-error api-key-help');
}

/** Shows the key form; a key of the right shape is kept for this tab and the page starts again with it. */
function askForKey() {
  const form = byId('api-key-form');
  const input = byId('api-key-input');
  if (apiKey.get() !== null) {
    showKeyError(input, 'That key was not accepted. Check it and try again.');
    apiKey.clear();
  }
  for (const id of ['national-view', 'trust-view']) byId(id).hidden = true;
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!API_KEY_PATTERN.test(key)) {
      showKeyError(input, 'That is not a CareVoice API key: keys start with cvk_ and have no spaces.');
      input.focus();
      return;
    }
    apiKey.set(key);
    window.location.reload();
  });
  input.focus();
  setState('key-needed');
}

function drawViews() {
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
}

if (await keyAccepted()) drawViews();
else askForKey();
