import { FFT_SETTINGS, type FftSetting } from '../../storage/import-types.js';

/** How people name FFT settings (the workbooks' own titles included) → CareVoice setting ids. */
const ALIASES: Readonly<Record<string, FftSetting>> = {
  ip: 'inpatient',
  'a&e': 'ae',
  'a and e': 'ae',
  'accident and emergency': 'ae',
  op: 'outpatient',
  outpatients: 'outpatient',
  'mental health': 'mental_health',
  mh: 'mental_health',
  'day case': 'daycase',
  pts: 'patient_transport',
  'patient transport': 'patient_transport',
};

export class UnknownFftSettingError extends Error {
  readonly code = 'fft_setting_unknown';
  constructor(value: string) {
    super(`unknown FFT setting "${value}"; expected one of ${FFT_SETTINGS.join(', ')}`);
    this.name = 'UnknownFftSettingError';
  }
}

export function parseFftSetting(value: string): FftSetting {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  const id = v.replaceAll(' ', '_');
  if ((FFT_SETTINGS as readonly string[]).includes(id)) return id as FftSetting;
  const alias = ALIASES[v];
  if (alias) return alias;
  throw new UnknownFftSettingError(value);
}
