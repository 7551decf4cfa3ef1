/**
 * Which FFT months and KO41a returns stand beside one CPES survey year. CPES samples patients treated in
 * April–June of its year and surveys them over the following months, so the year's experience is read
 * from the financial year that starts that April: FFT months April of the survey year to March of the
 * next, and KO41a figures of that financial year (its annual return, or its four quarterly returns).
 */
export interface SurveyWindow {
  /** First FFT month, `YYYY-MM`, inclusive. */
  fftFrom: string;
  /** Last FFT month, `YYYY-MM`, inclusive. */
  fftTo: string;
  /** KO41a financial year, `2018-19`. */
  financialYear: string;
}

export function surveyWindow(year: number): SurveyWindow {
  return {
    fftFrom: `${year}-04`,
    fftTo: `${year + 1}-03`,
    financialYear: `${year}-${String((year + 1) % 100).padStart(2, '0')}`,
  };
}
