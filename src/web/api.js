/** Reading the CareVoice API from the same origin. */

export class ApiError extends Error {
  constructor(url, status, message) {
    super(`${url} answered ${status}: ${message}`);
    this.status = status;
  }
}

const KEY_ITEM = 'carevoice-api-key';

/** How a CareVoice API key looks (`cvk_<id>_<secret>`, src/api/auth/api-key.ts). */
export const API_KEY_PATTERN = /^cvk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

/** sessionStorage, or nothing where the browser refuses it (storage blocked): the key then lasts the page. */
function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
let pageKey = null;

/**
 * The API key this tab was given, where the API asks for one. Kept in sessionStorage: it goes when
 * the tab closes, and getJson sends it only to this origin.
 */
export const apiKey = {
  get: () => tabStorage()?.getItem(KEY_ITEM) ?? pageKey,
  set: (key) => {
    pageKey = key;
    tabStorage()?.setItem(KEY_ITEM, key);
  },
  clear: () => {
    pageKey = null;
    tabStorage()?.removeItem(KEY_ITEM);
  },
};

/** GET a JSON body, with the tab's API key if it has one; throws ApiError on any non-2xx answer. */
export async function getJson(url) {
  const headers = { accept: 'application/json' };
  const key = apiKey.get();
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(url, { headers });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new ApiError(url, response.status, text.slice(0, 200));
  }
  return response.json();
}

/** Like getJson, but null when the route is not there (404): a panel whose data source is not installed. */
export async function getOptionalJson(url) {
  try {
    return await getJson(url);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Every item of a keyset-paginated list, following `next` up to `maxPages` pages; null on 404. */
export async function getAllPages(path, params, maxPages = 10) {
  const items = [];
  let after = null;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams(params);
    if (after) query.set('after', after);
    const body = await getOptionalJson(`${path}?${query}`);
    if (body === null) return null;
    items.push(...body.items);
    after = body.next;
    if (!after) break;
  }
  return items;
}
