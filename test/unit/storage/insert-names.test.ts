import { describe, expect, it } from 'vitest';
import { InsertNames, insertNameOf } from '../../../src/storage/postgres/named-inserts.js';

const insert = (rows: number) =>
  `insert into t (a) values ${Array.from({ length: rows }, (_, i) => `($${i + 1})`).join(', ')}`;

describe('InsertNames', () => {
  it('names a long insert once it has been sent unnamed the given number of times', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 2 });
    const sql = insert(10);
    expect([names.nameFor(sql), names.nameFor(sql)]).toEqual([undefined, undefined]);
    expect(names.nameFor(sql)).toBe(insertNameOf(sql));
    expect(names.nameFor(sql)).toBe(insertNameOf(sql));
    expect(names.nameFor(insert(11))).toBeUndefined();
    expect(names.size).toBe(1);
  });

  it('names a text by a hash of it, the same in every process and another for another text', () => {
    expect(insertNameOf(insert(10))).toMatch(/^carevoice_insert_[0-9a-f]{32}$/);
    expect(new InsertNames({ minLength: 20, sentBeforeNaming: 0 }).nameFor(insert(10))).toBe(insertNameOf(insert(10)));
    expect(insertNameOf(insert(10))).not.toBe(insertNameOf(insert(11)));
    // PostgreSQL cuts identifiers at 63 bytes; two names must not differ only past that.
    expect(insertNameOf(insert(10)).length).toBeLessThanOrEqual(63);
  });

  it('gives each text its own name, the same for any string with that text', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 0 });
    expect(names.nameFor(insert(10))).toBe(insertNameOf(insert(10)));
    expect(names.nameFor(insert(12))).toBe(insertNameOf(insert(12)));
    // A copy built afresh, as Kysely builds a statement it has not cached.
    expect(names.nameFor(insert(10))).toBe(insertNameOf(insert(10)));
  });

  it('leaves short statements and anything but inserts unnamed, however often they are sent', () => {
    const names = new InsertNames({ minLength: 40, sentBeforeNaming: 0 });
    const select = `select * from t where a in (${Array.from({ length: 20 }, (_, i) => `$${i + 1}`).join(', ')})`;
    const update = `update t set a = $1 where b in (${Array.from({ length: 20 }, (_, i) => `$${i + 2}`).join(', ')})`;
    for (let i = 0; i < 5; i++) {
      expect(names.nameFor('insert into t (a) values ($1)')).toBeUndefined();
      expect(names.nameFor(select)).toBeUndefined();
      expect(names.nameFor(update)).toBeUndefined();
    }
    const shouted = `  INSERT\n${insert(10).slice('insert'.length)}`;
    expect(names.nameFor(shouted)).toBe(insertNameOf(shouted));
  });

  it('names no more SQL than its cap, counted in characters', () => {
    const [ten, eleven, twelve] = [insert(10), insert(11), insert(12)];
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 0, maxNamedLength: ten.length + eleven.length });
    expect([ten, eleven, twelve].map((sql) => names.nameFor(sql))).toEqual([
      insertNameOf(ten),
      insertNameOf(eleven),
      undefined,
    ]);
    expect(names.nameFor(twelve)).toBeUndefined();
    expect(names.nameFor(ten)).toBe(insertNameOf(ten));
    expect(names.size).toBe(2);
  });

  it('names nothing more, and forgets its names, once stopped', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 0 });
    expect(names.nameFor(insert(10))).toBe(insertNameOf(insert(10)));
    names.stop();
    expect(names.stopped).toBe(true);
    expect([names.nameFor(insert(10)), names.nameFor(insert(11))]).toEqual([undefined, undefined]);
    expect(names.size).toBe(0);
  });

  it('forgets the sends of the texts least recently sent past its count limit', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 1, maxCounted: 2 });
    expect(names.nameFor(insert(10))).toBeUndefined();
    expect(names.nameFor(insert(11))).toBeUndefined();
    expect(names.nameFor(insert(10))).toBe(insertNameOf(insert(10)));
    expect(names.nameFor(insert(12))).toBeUndefined();
    expect(names.nameFor(insert(13))).toBeUndefined();
    // 11 was the least recently sent when 13 came, so its one send was forgotten.
    expect(names.nameFor(insert(11))).toBeUndefined();
    expect(names.nameFor(insert(11))).toBe(insertNameOf(insert(11)));
  });
});
