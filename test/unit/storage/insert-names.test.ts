import { describe, expect, it } from 'vitest';
import { InsertNames } from '../../../src/storage/postgres/named-inserts.js';

const insert = (rows: number) =>
  `insert into t (a) values ${Array.from({ length: rows }, (_, i) => `($${i + 1})`).join(', ')}`;

describe('InsertNames', () => {
  it('names a long insert once it has been sent unnamed the given number of times', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 2 });
    const sql = insert(10);
    expect([names.nameFor(sql), names.nameFor(sql)]).toEqual([undefined, undefined]);
    expect(names.nameFor(sql)).toBe('carevoice_insert_1');
    expect(names.nameFor(sql)).toBe('carevoice_insert_1');
    expect(names.nameFor(insert(11))).toBeUndefined();
    expect(names.size).toBe(1);
  });

  it('gives each text its own name, the same for any string with that text', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 0 });
    expect(names.nameFor(insert(10))).toBe('carevoice_insert_1');
    expect(names.nameFor(insert(12))).toBe('carevoice_insert_2');
    // A copy built afresh, as Kysely builds a statement it has not cached.
    expect(names.nameFor(insert(10))).toBe('carevoice_insert_1');
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
    expect(names.nameFor(`  INSERT\n${insert(10).slice('insert'.length)}`)).toBe('carevoice_insert_1');
  });

  it('names no more SQL than its cap, counted in characters', () => {
    const [ten, eleven, twelve] = [insert(10), insert(11), insert(12)];
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 0, maxNamedLength: ten.length + eleven.length });
    expect([ten, eleven, twelve].map((sql) => names.nameFor(sql))).toEqual([
      'carevoice_insert_1',
      'carevoice_insert_2',
      undefined,
    ]);
    expect(names.nameFor(twelve)).toBeUndefined();
    expect(names.nameFor(ten)).toBe('carevoice_insert_1');
    expect(names.size).toBe(2);
  });

  it('names nothing more, and forgets its names, once stopped', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 0 });
    expect(names.nameFor(insert(10))).toBe('carevoice_insert_1');
    names.stop();
    expect(names.stopped).toBe(true);
    expect([names.nameFor(insert(10)), names.nameFor(insert(11))]).toEqual([undefined, undefined]);
    expect(names.size).toBe(0);
  });

  it('forgets the sends of the texts least recently sent past its count limit', () => {
    const names = new InsertNames({ minLength: 20, sentBeforeNaming: 1, maxCounted: 2 });
    expect(names.nameFor(insert(10))).toBeUndefined();
    expect(names.nameFor(insert(11))).toBeUndefined();
    expect(names.nameFor(insert(10))).toBe('carevoice_insert_1');
    expect(names.nameFor(insert(12))).toBeUndefined();
    expect(names.nameFor(insert(13))).toBeUndefined();
    // 11 was the least recently sent when 13 came, so its one send was forgotten.
    expect(names.nameFor(insert(11))).toBeUndefined();
    expect(names.nameFor(insert(11))).toBe('carevoice_insert_2');
  });
});
