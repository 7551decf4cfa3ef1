import { describe, expect, it } from 'vitest';
import { parseComplaints } from '../../../src/import/complaints/parse-complaints.js';
import { loadThemeCrosswalk } from '../../../src/reference/theme-crosswalk.js';
import { fixture, linesOf } from './lines-of.js';

const crosswalk = loadThemeCrosswalk();

describe('parseComplaints', () => {
  it('reads the long layout: one row per subject, "*" suppressed, totals skipped, unknown subjects noted', async () => {
    const out = await parseComplaints(linesOf(fixture('ko41a-long.csv')), { crosswalk });
    expect(out.layout).toBe('ko41a-long');
    expect(out.issues.count).toBe(0);
    expect(out.rows[0]).toEqual({
      period: '2016-17 Q3',
      financialYear: '2016-17',
      quarter: 3,
      odsCode: 'R0A',
      siteCode: 'R0A01',
      subjectArea: 'Communications',
      complaints: 12,
      themes: ['being_told_diagnosis', 'cns_access', 'information_communication', 'digital_access'],
    });
    expect(out.rows[1]).toMatchObject({ subjectArea: 'Waiting times', complaints: null, themes: ['waiting_times'] });
    // "&" for "and" still finds the crosswalk's subject area, under its own spelling.
    expect(out.rows[2]).toMatchObject({ subjectArea: 'Values and behaviours (staff)', complaints: 4 });
    expect(out.rows[3]).toMatchObject({ subjectArea: 'Car parking charges', themes: [] });
    expect(out.rows[4]).toMatchObject({ period: '2016-17 Q4', odsCode: 'RBV', siteCode: null });
    expect(out.skipped.get('subject total rows')).toBe(1);
    expect(out.notes.join()).toMatch(/Car parking charges/);
  });

  it('reads the wide layout: one column per subject area, blank and "-" mean no figure', async () => {
    const out = await parseComplaints(linesOf(fixture('ko41a-wide.csv')), { crosswalk });
    expect(out.layout).toBe('ko41a-wide');
    expect(out.rows.map((r) => [r.odsCode, r.subjectArea, r.complaints])).toEqual([
      ['R0A', 'Clinical treatment', 10],
      ['R0A', 'Communications', 8],
      ['R0A', 'Prescribing', null],
      ['RBV', 'Clinical treatment', 2],
      ['RBV', 'Communications', 3],
      ['RBV', 'Waiting times', 0],
    ]);
    expect(out.rows.every((r) => r.period === '2023-24')).toBe(true);
    expect(out.notes.join()).toMatch(/columns not read: Organisation Name; Total New Complaints/);
  });

  it('reports every bad row with its row number', async () => {
    const out = await parseComplaints(linesOf(fixture('ko41a-bad.csv')), { crosswalk });
    expect(out.issues.issues.map((i) => i.row)).toEqual([3, 4, 5, 6]);
    expect(out.issues.issues.map((i) => i.message).join('\n')).toMatch(/2023-25[\s\S]*appears again[\s\S]*ODS code/);
  });

  it('takes the period from the caller only when the file has none', async () => {
    const noPeriod = 'Org Code,Subject Area,Count\nR0A,Consent,2\n';
    const out = await parseComplaints(linesOf(noPeriod), { crosswalk, period: '2024-25' });
    expect(out.rows[0]).toMatchObject({ period: '2024-25', quarter: null, themes: ['treatment_decisions'] });
    await expect(parseComplaints(linesOf(noPeriod), { crosswalk })).rejects.toThrow(/no period column/);
    await expect(parseComplaints(linesOf(fixture('ko41a-long.csv')), { crosswalk, period: '2024-25' })).rejects.toThrow(
      /own period column/,
    );
  });
});
