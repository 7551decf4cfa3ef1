/**
 * Synthetic posts a replay server serves, newest first. Texts are written for these tests; none
 * comes from a real source.
 */
export interface SyntheticPost {
  /** 1, 2, 3 … in posting order: a larger n is newer. */
  n: number;
  text: string;
  postedAt: string;
  author: string;
}

const PHRASES = [
  'The chemo day unit nurse explained every step of my treatment plan.',
  'Waited four hours for oncology results with no update from anyone.',
  'My cancer nurse specialist rang back the same afternoon, so reassuring.',
  'Radiotherapy reception staff were kind but the car park was chaos.',
  'Sarcoma clinic letters keep arriving after the appointment date.',
  'Could not get through to the haematology helpline over the weekend.',
];

export class PostFeed {
  readonly posts: SyntheticPost[] = [];

  /** @param firstPostAt when post 1 was written; each later post is 5 minutes after the one before */
  constructor(private readonly firstPostAt = Date.parse('2026-02-28T12:00:00Z')) {}

  add(count: number): SyntheticPost[] {
    const added: SyntheticPost[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.posts.length + 1;
      const post = {
        n,
        text: `Synthetic post ${n}. ${PHRASES[n % PHRASES.length]}`,
        postedAt: new Date(this.firstPostAt + n * 5 * 60_000).toISOString(),
        author: `synthetic_user_${n}`,
      };
      this.posts.push(post);
      added.push(post);
    }
    return added;
  }

  /** Newest first, as listing APIs return them. */
  newestFirst(): SyntheticPost[] {
    return [...this.posts].reverse();
  }

  oldestFirst(): SyntheticPost[] {
    return [...this.posts];
  }
}
