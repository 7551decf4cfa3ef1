import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../../src/connectors/errors/invalid-cursor-error.js';
import { createFileConnector, fileDoneKey } from '../../../../src/connectors/file/file-connector.js';
import { InboxUnavailableError } from '../../../../src/connectors/file/inbox.js';
import { InboxHarness, jsonl, okItems, rejections } from './inbox-harness.js';

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');
const records = (n: number, prefix = 'c') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, text: `Comment number ${i + 1} about the clinic` }));

let inbox: InboxHarness;
beforeEach(() => {
  inbox = new InboxHarness();
});
afterEach(() => inbox.cleanup());

describe('file source: paging through a JSON Lines file', () => {
  it('reads pageSize lines per page, then marks the file done', async () => {
    const content = jsonl(records(7));
    inbox.drop('batch.jsonl', content);
    const connector = createFileConnector({ dir: inbox.dir, pageSize: 3 });
    const pages = await inbox.drain(connector);

    expect(pages.map((page) => page.url)).toEqual([
      'file://batch.jsonl#lines=1-3',
      'file://batch.jsonl#lines=4-6',
      'file://batch.jsonl#lines=7-7',
    ]);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
    expect(okItems(pages).map((item) => item.externalId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(pages.map((page) => page.stateUpdates)).toEqual([
      undefined,
      undefined,
      { [fileDoneKey(sha256(content))]: 'done' },
    ]);
    expect(pages[2]!.nextCursor).toBeNull();
    expect(pages[0]!.fetchedAt).toBe('2026-01-15T12:00:00.000Z');
    // The page hash covers exactly the slice's bytes.
    const firstThree = content.split('\n').slice(0, 3).join('\n') + '\n';
    expect(pages[0]!.contentHash).toBe(sha256(firstThree));

    const again = await inbox.fetch(connector, null);
    expect(again.items).toEqual([]);
    expect(again.nextCursor).toBeNull();
  });

  it('resumes from a cursor in a new process, and after the file is renamed', async () => {
    inbox.drop('batch.jsonl', jsonl(records(7)));
    const first = await inbox.fetch(createFileConnector({ dir: inbox.dir, pageSize: 3 }), null);

    const restarted = createFileConnector({ dir: inbox.dir, pageSize: 3 });
    const second = await inbox.fetch(restarted, first.nextCursor);
    expect(okItems([second]).map((item) => item.externalId)).toEqual(['c4', 'c5', 'c6']);

    renameSync(join(inbox.dir, 'batch.jsonl'), join(inbox.dir, 'renamed.jsonl'));
    const third = await inbox.fetch(restarted, second.nextCursor);
    expect(third.url).toBe('file://renamed.jsonl#lines=7-7');
    expect(okItems([third]).map((item) => item.externalId)).toEqual(['c7']);
  });

  it('ingests an identical file once, whether re-dropped, copied or renamed', async () => {
    inbox.drop('a.jsonl', jsonl(records(2)));
    copyFileSync(join(inbox.dir, 'a.jsonl'), join(inbox.dir, 'a-copy.jsonl'));
    const connector = createFileConnector({ dir: inbox.dir, pageSize: 10 });
    expect(okItems(await inbox.drain(connector))).toHaveLength(2);

    inbox.drop('b.jsonl', jsonl(records(2)));
    renameSync(join(inbox.dir, 'a.jsonl'), join(inbox.dir, 'c.jsonl'));
    const later = await inbox.drain(connector);
    expect(later).toHaveLength(1);
    expect(later[0]!.items).toEqual([]);
  });

  it('treats a changed file as a new file', async () => {
    const path = inbox.drop('a.jsonl', jsonl(records(2)));
    const connector = createFileConnector({ dir: inbox.dir });
    await inbox.drain(connector);
    appendFileSync(path, jsonl([{ id: 'c3', text: 'One more' }]));
    const pages = await inbox.drain(connector);
    expect(okItems(pages).map((item) => item.externalId)).toEqual(['c1', 'c2', 'c3']);
  });

  it('starts a changed file from the beginning even when a cursor points into it', async () => {
    const path = inbox.drop('a.jsonl', jsonl(records(4)));
    const connector = createFileConnector({ dir: inbox.dir, pageSize: 2 });
    const first = await inbox.fetch(connector, null);
    appendFileSync(path, jsonl([{ id: 'c5', text: 'Late addition' }]));
    const pages = await inbox.drain(connector, first.nextCursor);
    expect(okItems(pages).map((item) => item.externalId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('takes files oldest first and moves straight on to the next file', async () => {
    inbox.drop('zz-older.ndjson', jsonl(records(2, 'old')));
    inbox.drop('aa-newer.jsonl', jsonl(records(1, 'new')));
    inbox.drop('.hidden.jsonl', jsonl(records(1, 'hidden')));
    inbox.drop('notes.txt', 'not a data file');
    inbox.drop('upload.csv.part', 'id,text\n1,partial\n');
    mkdirSync(join(inbox.dir, 'sub.jsonl'));
    const connector = createFileConnector({ dir: inbox.dir, pageSize: 5 });
    // The done mark is persisted only after fetchPage returns, yet the cursor already names the next file.
    const first = await inbox.fetch(connector, null);
    expect(JSON.parse(first.nextCursor!)).toMatchObject({ name: 'aa-newer.jsonl', line: 0, byte: 0 });
    const second = await inbox.fetch(connector, first.nextCursor);
    expect(okItems([first, second]).map((item) => item.externalId)).toEqual(['old1', 'old2', 'new1']);
    expect(second.nextCursor).toBeNull();
  });

  it('handles CRLF line endings, a byte-order mark, blank lines and a last line without newline', async () => {
    inbox.drop('win.jsonl', '\ufeff{"id":"a","text":"first"}\r\n\r\n{"id":"b","text":"second"}');
    const pages = await inbox.drain(createFileConnector({ dir: inbox.dir }));
    expect(okItems(pages).map((item) => [item.externalId, item.text])).toEqual([
      ['a', 'first'],
      ['b', 'second'],
    ]);
    expect(rejections(pages)).toEqual([]);
    expect(pages[0]!.url).toBe('file://win.jsonl#lines=1-3');
  });

  it('rejects every kind of malformed line and carries on with the rest', async () => {
    const bigText = 'x'.repeat(1024 * 1024 + 10);
    const lines = [
      '{"id":"ok1","text":"Good care"}',
      '{"id":"bad-json","text":',
      '["an","array"]',
      '42',
      'null',
      '{"text":"no id"}',
      '{"id":"no-text"}',
      '{"id":"empty-text","text":"   "}',
      '{"id":"wrong-type","text":12}',
      '{"id":"bad-date","text":"fine","postedAt":"31/02/2024"}',
      '{"id":"bad-ods","text":"fine","odsCode":"not a code"}',
      `{"id":"huge","text":"${bigText}"}`,
      '{"id":"ok2","text":"Still read after a huge line"}',
    ];
    const content = Buffer.concat([
      Buffer.from(lines.join('\n') + '\n'),
      Buffer.from('{"id":"bad-utf8","text":"caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n{"id":"ok3","text":"Café fine"}\n'),
    ]);
    inbox.drop('bad.jsonl', content);
    const pages = await inbox.drain(createFileConnector({ dir: inbox.dir, pageSize: 100 }));

    expect(okItems(pages).map((item) => item.externalId)).toEqual(['ok1', 'ok2', 'ok3']);
    expect(rejections(pages).map((r) => [r.location, r.code, r.externalId])).toEqual([
      ['bad.jsonl:2', 'invalid_json', undefined],
      ['bad.jsonl:3', 'not_an_object', undefined],
      ['bad.jsonl:4', 'not_an_object', undefined],
      ['bad.jsonl:5', 'not_an_object', undefined],
      ['bad.jsonl:6', 'missing_id', undefined],
      ['bad.jsonl:7', 'missing_text', 'no-text'],
      ['bad.jsonl:8', 'empty_text', 'empty-text'],
      ['bad.jsonl:9', 'wrong_type', 'wrong-type'],
      ['bad.jsonl:10', 'invalid_date', 'bad-date'],
      ['bad.jsonl:11', 'invalid_ods_code', 'bad-ods'],
      ['bad.jsonl:12', 'line_too_long', undefined],
      ['bad.jsonl:14', 'invalid_utf8', undefined],
    ]);
    const huge = rejections(pages).find((r) => r.code === 'line_too_long')!;
    expect(huge.reason).toBe(`line is ${lines[11]!.length} bytes; the limit is 1048576`);
    expect((huge.raw as string).length).toBeLessThanOrEqual(2001);
    expect(rejections(pages)[0]!.reason).toMatch(/^not valid JSON/);
    expect(pages.at(-1)!.stateUpdates).toEqual({ [fileDoneKey(sha256(content))]: 'done' });
  });
});

describe('file source: CSV', () => {
  it('reads named columns case-insensitively, across pages, with multi-line quoted fields', async () => {
    const csv = [
      'ID,Text,Question,PostedAt,ODSCode,Deleted',
      '1,"Nurses were kind, and ""very"" patient",What was good?,2025-02-01,rbv,',
      '2,"Waited hours',
      'for a bed",What could we do better?,01/02/2025,,no',
      '3,,,,,true',
      '',
      '4,Short and sweet,,,,',
    ].join('\r\n');
    inbox.drop('comments.csv', csv);
    const pages = await inbox.drain(createFileConnector({ dir: inbox.dir, pageSize: 2 }));

    expect(pages.map((page) => page.url)).toEqual([
      'file://comments.csv#lines=1-2',
      'file://comments.csv#lines=3-4',
      'file://comments.csv#lines=5-6',
      'file://comments.csv#lines=7-7',
    ]);
    expect(rejections(pages)).toEqual([]);
    expect(okItems(pages)).toEqual([
      {
        externalId: '1',
        text: 'Nurses were kind, and "very" patient',
        question: 'What was good?',
        postedAt: '2025-02-01T00:00:00.000Z',
        url: undefined,
        authorHandle: undefined,
        odsCode: 'RBV',
      },
      {
        externalId: '2',
        text: 'Waited hours\nfor a bed',
        question: 'What could we do better?',
        postedAt: '2025-02-01T00:00:00.000Z',
        url: undefined,
        authorHandle: undefined,
        odsCode: undefined,
      },
      expect.objectContaining({ externalId: '3', text: '', deleted: true }),
      expect.objectContaining({ externalId: '4', text: 'Short and sweet' }),
    ]);
  });

  it('accepts the FFT framework column names and derives ids when there is no id column', async () => {
    const withIds =
      'Comment ID,Trust,Date,FFT question,FFT answer\nX-1 - Q1,T,31/01/2024,What was good?,Lovely staff\n';
    inbox.drop('fft.csv', withIds);
    const noIds = 'FFT answer,Date\nGreat clinic,2024-05-06\nToo long a wait,2024-05-07\n';
    inbox.drop('no-ids.csv', noIds);
    const items = okItems(await inbox.drain(createFileConnector({ dir: inbox.dir })));
    const prefix = sha256(noIds).slice(0, 12);
    expect(items.map((item) => [item.externalId, item.text, item.question ?? null, item.postedAt])).toEqual([
      ['X-1 - Q1', 'Lovely staff', 'What was good?', '2024-01-31T00:00:00.000Z'],
      [`${prefix}:2`, 'Great clinic', null, '2024-05-06T00:00:00.000Z'],
      [`${prefix}:3`, 'Too long a wait', null, '2024-05-07T00:00:00.000Z'],
    ]);
  });

  it('rejects malformed rows and carries on', async () => {
    const content = Buffer.concat([
      Buffer.from('id,text,postedAt\n1,fine,\n2,too,many,fields\n3,,\n4,bad date,2024-99-01\n5,caf'),
      Buffer.from([0xff]),
      Buffer.from(',\n6,"unbalanced "" quote,\n7,last,\n'),
    ]);
    inbox.drop('rows.csv', content);
    const pages = await inbox.drain(createFileConnector({ dir: inbox.dir }));
    expect(okItems(pages).map((item) => item.externalId)).toEqual(['1']);
    expect(rejections(pages).map((r) => [r.location, r.code])).toEqual([
      ['rows.csv:3', 'invalid_csv'],
      ['rows.csv:4', 'empty_text'],
      ['rows.csv:5', 'invalid_date'],
      ['rows.csv:6', 'invalid_utf8'],
      ['rows.csv:7', 'invalid_csv'],
    ]);
    expect(rejections(pages)[0]!.reason).toBe('expected 3 fields as in the header, found 4');
    expect(rejections(pages)[4]!.reason).toMatch(/not closed before the end of the file/);
  });

  it('rejects a file without a text column once and marks it done', async () => {
    const content = 'id,comment\n1,hello\n2,world\n';
    inbox.drop('wrong.csv', content);
    const pages = await inbox.drain(createFileConnector({ dir: inbox.dir, pageSize: 1 }));
    expect(pages).toHaveLength(1);
    expect(rejections(pages)).toEqual([
      expect.objectContaining({ code: 'missing_text_column', location: 'wrong.csv:1' }),
    ]);
    expect(pages[0]!.stateUpdates).toEqual({ [fileDoneKey(sha256(content))]: 'done' });
  });
});

describe('file source: empty files', () => {
  it('marks an empty file done without items', async () => {
    inbox.drop('empty.csv', '');
    inbox.drop('empty.jsonl', '\n\n');
    const pages = await inbox.drain(createFileConnector({ dir: inbox.dir }));
    expect(pages.flatMap((page) => page.items)).toEqual([]);
    expect(pages.flatMap((page) => Object.keys(page.stateUpdates ?? {}))).toEqual([
      fileDoneKey(sha256('')),
      fileDoneKey(sha256('\n\n')),
    ]);
  });
});

describe('file source: errors', () => {
  it('says clearly when the inbox does not exist', async () => {
    const connector = createFileConnector({ dir: join(inbox.dir, 'missing') });
    await expect(connector.fetchPage(null, inbox.ctx)).rejects.toBeInstanceOf(InboxUnavailableError);
  });

  it('refuses a cursor it did not write', async () => {
    const connector = createFileConnector({ dir: inbox.dir });
    await expect(connector.fetchPage('{"line":"x"}', inbox.ctx)).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(connector.fetchPage('garbage', inbox.ctx)).rejects.toThrow(/invalid|not JSON/);
  });
});
