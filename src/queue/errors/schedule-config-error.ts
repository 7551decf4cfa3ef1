/** The configured schedules cannot all be installed; nothing was changed. */
export class ScheduleConfigError extends Error {
  readonly code = 'schedule_config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`The schedules are not valid, so none were installed:\n- ${problems.join('\n- ')}`);
    this.name = 'ScheduleConfigError';
  }
}
