/** The trust picker: fills the selects, keeps the choice in the address, and redraws the trust view on change. */

import { ApiError, apiKey, getJson } from './api.js';
import { COMMON_TUMOUR_GROUPS, periodLabel, RARE_TUMOUR_GROUPS, tumourGroupLabel } from './labels.js';
import { el, message } from './panel.js';
import { renderTrustView } from './trust-view.js';

function fillGroups(select) {
  const option = (id) => el('option', { value: id }, tumourGroupLabel(id));
  select.replaceChildren(
    option('all'),
    el('optgroup', { label: 'Rare and less common cancers' }, RARE_TUMOUR_GROUPS.map(option)),
    el('optgroup', { label: 'Common cancers' }, COMMON_TUMOUR_GROUPS.map(option)),
  );
}

function choose(select, value) {
  if (value && [...select.options].some((option) => option.value === value)) select.value = value;
}

/** Months with any comment at the trust, oldest first: one overall row per month. */
async function trustPeriods(odsCode) {
  const query = new URLSearchParams({ odsCode, theme: 'all', tumourGroup: 'all' });
  return (await getJson(`/v1/scores?${query}`)).items.map((row) => row.period).sort();
}

/** Every score cell of one trust and cancer type (themes × months): what the view draws, no more. */
async function groupScores(odsCode, group) {
  return (await getJson(`/v1/scores?${new URLSearchParams({ odsCode, tumourGroup: group })}`)).items;
}

/** `load(key)` once per key, the answer kept for the page's life; a failure is forgotten, so the next choice tries again. */
function memo(load) {
  const answers = new Map();
  return (...key) => {
    const id = key.join('|');
    if (!answers.has(id)) {
      answers.set(
        id,
        load(...key).catch((error) => {
          answers.delete(id);
          throw error;
        }),
      );
    }
    return answers.get(id);
  };
}

/** Wires the filter form to the trust view; resolves once the first view is drawn. */
export async function startTrustView({ form, trustSelect, groupSelect, monthSelect, status, root, onState }) {
  form.addEventListener('submit', (event) => event.preventDefault());
  fillGroups(groupSelect);
  const trusts = (await getJson('/dashboard/trusts')).items;
  if (trusts.length === 0) {
    for (const select of [trustSelect, groupSelect, monthSelect]) select.disabled = true;
    root.replaceChildren(message('No comments have been linked to a trust yet.'));
    return;
  }
  trustSelect.replaceChildren(...trusts.map((t) => el('option', { value: t.odsCode }, `${t.name} (${t.odsCode})`)));
  const wanted = new URLSearchParams(location.search);
  choose(trustSelect, wanted.get('trust'));
  choose(groupSelect, wanted.get('group'));

  // A trust's months and one cancer type's cells at a time: a trust's every cell is hundreds of KB.
  const periodsOf = memo(trustPeriods);
  const scoresOf = memo(groupScores);
  // Each choice starts a round; only the newest draws. `monthsOf` is the trust the month picker
  // lists, rebuilt whenever the trust on screen differs, however quickly the choices came.
  let latest = 0;
  let inFlight = 0;
  const whenIdle = [];
  let monthsOf = null;
  async function update(month) {
    const round = ++latest;
    inFlight++;
    onState('loading');
    const trust = trusts.find((t) => t.odsCode === trustSelect.value);
    const group = groupSelect.value;
    try {
      const [periods, scores] = await Promise.all([periodsOf(trust.odsCode), scoresOf(trust.odsCode, group)]);
      if (round !== latest) return;
      if (monthsOf !== trust.odsCode) {
        monthSelect.replaceChildren(...[...periods].reverse().map((p) => el('option', { value: p }, periodLabel(p))));
        choose(monthSelect, month);
        monthsOf = trust.odsCode;
      }
      const query = new URLSearchParams({ trust: trust.odsCode, group, month: monthSelect.value });
      history.replaceState(null, '', `${location.pathname}?${query}`);
      await renderTrustView(root, { trust, group, month: monthSelect.value, scores, periods });
      if (round !== latest) return;
      status.textContent = `Showing ${tumourGroupLabel(group).toLowerCase()} at ${trust.name}, ${periodLabel(monthSelect.value)}.`;
    } catch (error) {
      if (round !== latest) return;
      if (error instanceof ApiError && error.status === 401) {
        // The key was revoked meanwhile: drop it, and the page asks for one again.
        apiKey.clear();
        window.location.reload();
        return;
      }
      root.replaceChildren(message(`The trust view could not be loaded: ${error.message}`, 'error'));
      status.textContent = 'The trust view could not be loaded.';
    } finally {
      if (--inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
      if (round === latest) onState('ready');
    }
  }
  const idle = () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => whenIdle.push(resolve)));
  trustSelect.addEventListener('change', () => update());
  groupSelect.addEventListener('change', () => update());
  monthSelect.addEventListener('change', () => update());
  await update(wanted.get('month'));
  // A choice made during the first load supersedes it: resolve once the newest round has drawn.
  await idle();
}
