import { convert } from 'html-to-text';

/** Plain text of an HTML fragment (Mastodon statuses, feed descriptions): links keep their words only. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  }).trim();
}
