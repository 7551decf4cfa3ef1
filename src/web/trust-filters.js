/** The trust picker: fills the selects, keeps the choice in the address, and redraws the trust view on change. */

import { getJson } from './api.js';
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

/** Months with any comment at the trust, oldest first. */
function periodsOf(scores) {
  return [...new Set(scores.map((row) => row.period))].sort();
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

  const scoresByTrust = new Map();
  let latest = 0;
  async function update(changed, month) {
    const round = ++latest;
    onState('loading');
    const trust = trusts.find((t) => t.odsCode === trustSelect.value);
    if (!scoresByTrust.has(trust.odsCode)) {
      scoresByTrust.set(trust.odsCode, (await getJson(`/v1/scores?odsCode=${trust.odsCode}`)).items);
    }
    if (round !== latest) return; // a newer choice is already on its way
    const scores = scoresByTrust.get(trust.odsCode);
    const periods = periodsOf(scores);
    if (changed === 'trust') {
      monthSelect.replaceChildren(...[...periods].reverse().map((p) => el('option', { value: p }, periodLabel(p))));
      choose(monthSelect, month);
    }
    const group = groupSelect.value;
    const query = new URLSearchParams({ trust: trust.odsCode, group, month: monthSelect.value });
    history.replaceState(null, '', `${location.pathname}?${query}`);
    await renderTrustView(root, { trust, group, month: monthSelect.value, scores, periods });
    if (round !== latest) return;
    status.textContent = `Showing ${tumourGroupLabel(group).toLowerCase()} at ${trust.name}, ${periodLabel(monthSelect.value)}.`;
    onState('ready');
  }
  trustSelect.addEventListener('change', () => update('trust'));
  groupSelect.addEventListener('change', () => update('group'));
  monthSelect.addEventListener('change', () => update('month'));
  await update('trust', wanted.get('month'));
}
